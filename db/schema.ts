import { sql } from "drizzle-orm";
import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { InstitutionType } from "../workflows/vocabulary";
import { ATTACHMENT_DOCUMENT_KIND_IDS, INSTITUTION_TYPES } from "../workflows/vocabulary";
import type { RoundState } from "../workflows/round.machine";
import { roles } from "../workflows/actors";
import type { AssignmentState } from "../workflows/assignment.machine";
import { CONFIDENCE_IDS, RECOMMENDATION_IDS } from "../workflows/review-criteria";

// Times are stored as UTC milliseconds; pages render them in Europe/Brussels and local time.
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const countries = sqliteTable("countries", {
  code: text("code").primaryKey(), // ISO-like code: AL, BA, XK, ME, MK, RS
  name: text("name").notNull(),
  // Kosovo* is written with an asterisk and carries the UNSCR 1244 designation footnote.
  needsDesignationFootnote: integer("needs_designation_footnote", { mode: "boolean" }).notNull().default(false),
  sortOrder: integer("sort_order").notNull().default(0),
});

export type { InstitutionType };

export const institutions = sqliteTable(
  "institutions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    countryCode: text("country_code")
      .notNull()
      .references(() => countries.code),
    type: text("type", { enum: INSTITUTION_TYPES }).notNull(),
    chapter23: integer("chapter_23", { mode: "boolean" }).notNull().default(false),
    chapter24: integer("chapter_24", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    // A duplicate merged into another record stays as a record of what was merged (see
    // app/institutions/merge.server.ts): never chosen or listed again, its page links to the kept one.
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => institutions.id),
    mergedAt: integer("merged_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("institutions_name_country").on(t.name, t.countryCode), index("institutions_country").on(t.countryCode)],
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(), // stored lower-cased
  name: text("name").notNull(),
  jobTitle: text("job_title"),
  passwordHash: text("password_hash"), // null until the invitation is accepted
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
  // The language the person chose (workflows/languages.ts); null until they choose one.
  locale: text("locale"),
});


// What a person is in the programme: an applicant of an institution, or TAF staff.
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    institutionId: integer("institution_id").references(() => institutions.id), // applicants
    countryCode: text("country_code").references(() => countries.code), // country advisors
    affiliation: text("affiliation"), // reviewers: "EU Delegation to Serbia", "Project expert"
    createdAt: createdAt(),
  },
  // By role and country: the country advisors of a proposal's countries are counted on its every page.
  (t) => [index("memberships_user").on(t.userId), index("memberships_institution").on(t.institutionId), index("memberships_role_country").on(t.role, t.countryCode)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Only a hash of the cookie's secret is stored: a copy of the database opens no session.
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const tokenPurposes = ["invitation", "passwordReset"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

// Single-use links sent by email: stored hashed, expire, and are marked used.
export const tokens = sqliteTable(
  "tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: tokenPurposes }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("tokens_user").on(t.userId)],
);

// Sign-in and reset attempts, counted per e-mail address and per IP for rate limiting.
export const attempts = sqliteTable(
  "attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(), // "signin:ip:1.2.3.4", "reset:email:a@b"
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("attempts_key_at").on(t.key, t.at)],
);

export const outboxStatuses = ["pending", "sent", "failed"] as const;

// Mail owed by a change, written in the same transaction as the change (see emails/outbox.ts).
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    template: text("template").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    // The language the message is written in: the recipient's.
    locale: text("locale").notNull().default("en"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);

export const outboxAttempts = sqliteTable(
  "outbox_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outboxId: integer("outbox_id")
      .notNull()
      .references(() => outbox.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    error: text("error"),
  },
  (t) => [index("outbox_attempts_outbox").on(t.outboxId)],
);

// What the embedded SMTP server received, read by administrators on the Mailbox page.
export const mailbox = sqliteTable(
  "mailbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    envelopeFrom: text("envelope_from").notNull(),
    envelopeTo: text("envelope_to").notNull(), // comma-separated
    messageId: text("message_id"),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** The Content-Language the message came with (outbox.locale when the portal sent it). */
    language: text("language"),
  },
  (t) => [
    index("mailbox_received").on(t.receivedAt),
    index("mailbox_to").on(t.envelopeTo),
    // A recipient's mailbox keeps one copy of a message sent again under its Message-ID (after a
    // crash between the mail server's "accepted" and the outbox's "sent"), as mail clients do.
    uniqueIndex("mailbox_message_once").on(t.messageId, t.envelopeTo).where(sql`message_id is not null`),
  ],
);

// Append-only: triggers in the migration refuse UPDATE and DELETE.
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(), // "signIn", "userInvited", "userDeactivated"...
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_at").on(t.at),
    index("audit_log_subject").on(t.subjectType, t.subjectId),
    // The kinds of action the activity page offers, found one look-up each (app/audit-log.server.ts).
    index("audit_log_action").on(t.action),
  ],
);

export const roundModes = ["deadline", "rolling"] as const;
export type RoundMode = (typeof roundModes)[number];

export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(), // "2026-R1": part of proposal references
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    mode: text("mode", { enum: roundModes }).notNull(),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }), // null for rolling rounds
    settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    // The round statechart (workflows/round.machine.ts), persisted.
    state: text("state").$type<RoundState>().notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    machineVersion: integer("machine_version").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("rounds_state").on(t.state)],
);

// The history of a round's statechart: one row per accepted event. Append-only (triggers).
export const roundEvents = sqliteTable(
  "round_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id), // null: the scheduler
    actorRole: text("actor_role").notNull(),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    version: integer("version").notNull(), // the round's version after this event
    // The machine version the event was applied under, so a replay knows which machine to use
    // (see ADR 002). Rows from before this column were all applied under version 1.
    machineVersion: integer("machine_version").notNull().default(1),
  },
  (t) => [index("round_events_round").on(t.roundId, t.id)],
);

export const proposals = sqliteTable(
  "proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id),
    leadInstitutionId: integer("lead_institution_id")
      .notNull()
      .references(() => institutions.id),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    reference: text("reference").unique(), // "TAF-2026-R1-007", given at the first submission
    title: text("title").notNull().default(""),
    // The working content (sections of the form); frozen copies live in proposal_versions.
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    // The proposal statechart (workflows/proposal.machine.ts), persisted; `state` is its dotted
    // path ("eligibility.awaitingDecision") so that lists filter on a column.
    state: text("state").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    machineVersion: integer("machine_version").notNull(),
    version: integer("version").notNull().default(1),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    // Submitted after the round's deadline, in its grace period: the eligibility check asks a person.
    submittedLate: integer("submitted_late", { mode: "boolean" }).notNull().default(false),
    // Set while a clarification request is open: the scheduler expires it at this time.
    clarificationDueAt: integer("clarification_due_at", { mode: "timestamp_ms" }),
    // The due date the lead was last reminded of: a new request, due on another day, is reminded of again.
    clarificationRemindedFor: integer("clarification_reminded_for", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("proposals_state").on(t.state),
    index("proposals_round").on(t.roundId),
    index("proposals_lead").on(t.leadInstitutionId, t.updatedAt, t.id),
    index("proposals_clarification_due").on(t.clarificationDueAt),
    // The TAF team's table of every proposal sorts by these (app/proposals/overview.server.ts).
    index("proposals_updated").on(t.updatedAt, t.id),
    index("proposals_title").on(t.title, t.id),
    // The dashboard's period filter (app/reporting/figures.server.ts).
    index("proposals_submitted").on(t.submittedAt),
    // The proposal lists by stage (the TAF team's home: those in progress), newest first, with
    // every column a list row shows: read from the index alone, never from the rows, whose
    // columns after the large `content` sit on overflow pages.
    index("proposals_listed").on(t.state, t.updatedAt, t.id, t.roundId, t.leadInstitutionId, t.submittedLate, t.reference, t.title),
    // The eligibility desk's queue, oldest submission first, read a page at a time.
    index("proposals_queued").on(t.state, t.submittedAt, t.id),
  ],
);

export const partnerStatuses = ["invited", "confirmed", "declined"] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export const proposalPartners = sqliteTable(
  "proposal_partners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    status: text("status", { enum: partnerStatuses }).notNull().default("invited"),
    statement: text("statement"), // the partner's role, in their words, when confirming
    invitedAt: integer("invited_at", { mode: "timestamp_ms" }).notNull(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    respondedByUserId: integer("responded_by_user_id").references(() => users.id),
    // The proposal's last change, copied here by triggers (migration 0027; never null once a row
    // is written) so that an institution's proposals are found newest first from an index.
    proposalUpdatedAt: integer("proposal_updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("proposal_partners_unique").on(t.proposalId, t.institutionId),
    index("proposal_partners_institution").on(t.institutionId, t.proposalUpdatedAt, t.proposalId),
    // The latest answer is part of the dashboard's data version (app/reporting/figures.server.ts).
    index("proposal_partners_responded").on(t.respondedAt),
  ],
);

export const versionKinds = ["proposal", "conceptNote", "completionReport", "activityReport"] as const;
export type VersionKind = (typeof versionKinds)[number];

// The content as it was at each submission: proposal version 1 at SUBMIT, one more at each
// RESPOND; concept note version 1 at the first SUBMIT_CONCEPT, one more at each resubmission.
export const proposalVersions = sqliteTable(
  "proposal_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    kind: text("kind", { enum: versionKinds }).notNull().default("proposal"),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("proposal_versions_kind_number").on(t.proposalId, t.kind, t.number)],
);

// The history of a proposal's statechart: one row per accepted event. Append-only (triggers).
export const proposalEvents = sqliteTable(
  "proposal_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id), // null: the scheduler
    actorRole: text("actor_role").notNull(),
    actorInstitutionId: integer("actor_institution_id").references(() => institutions.id),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    version: integer("version").notNull(), // the proposal's version after this event
    // The machine version the event was applied under, so a replay knows which machine to use
    // (see ADR 002). Rows from before this column were all applied under version 1.
    machineVersion: integer("machine_version").notNull().default(1),
  },
  (t) => [
    index("proposal_events_proposal").on(t.proposalId, t.id),
    // The activity page, newest first, a page at a time (app/audit-log.server.ts).
    index("proposal_events_at").on(t.at),
    // The dashboard's pipeline: which stages each proposal entered, and when, read from the index alone.
    index("proposal_events_reached").on(t.proposalId, t.toState, t.at),
  ],
);

// The automatic eligibility check's result, each time it runs (at SUBMIT and at each RESPOND).
export const eligibilityChecks = sqliteTable(
  "eligibility_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    overall: text("overall").notNull(), // passed | failed | needsPerson
    results: text("results", { mode: "json" }).$type<unknown[]>().notNull(),
  },
  (t) => [index("eligibility_checks_proposal").on(t.proposalId, t.id)],
);

// Who reviews which proposal, by when: one row per reviewer and proposal, moved by its own small
// statechart (workflows/assignment.machine.ts) like a proposal by its own. `remindedAt` and
// `dueRemindedAt` mark the scheduler's reminders before and on the due date; the review itself
// is in `reviews`.
export const reviewAssignments = sqliteTable(
  "review_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    reviewerUserId: integer("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    dueRemindedAt: integer("due_reminded_at", { mode: "timestamp_ms" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    assignedByUserId: integer("assigned_by_user_id").references(() => users.id),
    state: text("state").$type<AssignmentState>().notNull().default("invited"),
    snapshot: text("snapshot", { mode: "json" }).notNull().default({}),
    machineVersion: integer("machine_version").notNull().default(1),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    // The proposal's state, copied here by triggers (migration 0027; never null once a row is
    // written) so that a reviewer's open assignments are found without reading their past ones.
    proposalState: text("proposal_state"),
  },
  (t) => [
    uniqueIndex("review_assignments_unique").on(t.proposalId, t.reviewerUserId),
    index("review_assignments_due").on(t.dueAt),
    index("review_assignments_reviewer").on(t.reviewerUserId, t.state),
    index("review_assignments_reviewer_open").on(t.reviewerUserId, t.proposalState, t.dueAt, t.id, t.state),
  ],
);

// The history of each assignment's statechart: one row per accepted event. Append-only (triggers).
export const assignmentEvents = sqliteTable(
  "assignment_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => reviewAssignments.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id), // null: the portal itself
    actorRole: text("actor_role").notNull(),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    version: integer("version").notNull(),
    machineVersion: integer("machine_version").notNull(),
  },
  (t) => [index("assignment_events_assignment").on(t.assignmentId, t.id)],
);


// A reviewer's review of one proposal: saved as a draft while they write, counted once the
// assignment's statechart has it submitted. Scores are per criterion id of the round's criteria.
export const reviews = sqliteTable("reviews", {
  assignmentId: integer("assignment_id")
    .primaryKey()
    .references(() => reviewAssignments.id),
  scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
  recommendation: text("recommendation", { enum: RECOMMENDATION_IDS }),
  confidence: text("confidence", { enum: CONFIDENCE_IDS }),
  commentForApplicants: text("comment_for_applicants").notNull().default(""),
  internalComment: text("internal_comment").notNull().default(""),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
});

export const conflictSources = ["detected", "declared", "rule"] as const;
export type ConflictSource = (typeof conflictSources)[number];

// A conflict of interest between a reviewer and a proposal: detected (the reviewer is affiliated
// with an institution taking part), declared by the reviewer, or from a rule the TAF team added.
// A conflicted reviewer is never assigned and sees nothing of the proposal. Administrators may
// dismiss a detected one with a reason; the row stays, as the record.
export const reviewConflicts = sqliteTable(
  "review_conflicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    reviewerUserId: integer("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    source: text("source", { enum: conflictSources }).notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    dismissedAt: integer("dismissed_at", { mode: "timestamp_ms" }),
    dismissedByUserId: integer("dismissed_by_user_id").references(() => users.id),
    dismissalReason: text("dismissal_reason"),
  },
  (t) => [index("review_conflicts_pair").on(t.proposalId, t.reviewerUserId), index("review_conflicts_reviewer").on(t.reviewerUserId)],
);

// The TAF team's conflict rules: this reviewer is conflicted with every proposal that this
// institution takes part in (e.g. a former employer).
export const reviewerConflictRules = sqliteTable(
  "reviewer_conflict_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reviewerUserId: integer("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    reason: text("reason").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("reviewer_conflict_rules_unique").on(t.reviewerUserId, t.institutionId)],
);

// Comments on a proposal by the applicants of the lead and partner institutions (and the TAF
// team): how partners read and discuss a draft that only the lead edits.
export const proposalComments = sqliteTable(
  "proposal_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    authorUserId: integer("author_user_id")
      .notNull()
      .references(() => users.id),
    institutionId: integer("institution_id").references(() => institutions.id), // null for the TAF team
    // The country a country advisor writes as; null for applicants and the TAF team.
    advisorCountryCode: text("advisor_country_code").references(() => countries.code),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("proposal_comments_proposal").on(t.proposalId, t.id)],
);

// Letters of support and supporting documents. The file lives under ATTACHMENTS_PATH with a
// generated name; its type was checked from its content, not its name.
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    uploadedByUserId: integer("uploaded_by_user_id")
      .notNull()
      .references(() => users.id),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull().unique(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }), // kept for the versions that listed it
    // Which document the file belongs to, as the kind of version that freezes it: the proposal's
    // own, the concept note's, an activity report's (activityId says which), the completion report's.
    purpose: text("purpose", { enum: versionKinds }).notNull().default("proposal"),
    activityId: integer("activity_id").references(() => activities.id),
    // For the concept note and the reports: an agenda, a list of participants, minutes, other.
    documentKind: text("document_kind", { enum: ATTACHMENT_DOCUMENT_KIND_IDS }),
  },
  (t) => [index("attachments_proposal").on(t.proposalId)],
);

// What the applicants report about an approved activity once it was held.
export const activityReports = sqliteTable(
  "activity_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    activityKey: text("activity_key").notNull(), // the activity's key in the approved concept note
    heldOn: text("held_on").notNull(), // a date, "2027-03-14"
    participants: integer("participants").notNull(),
    outcome: text("outcome").notNull(),
    reportedByUserId: integer("reported_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    heldUntil: text("held_until"), // the last day, when the activity ran over several
  },
  (t) => [uniqueIndex("activity_reports_activity").on(t.proposalId, t.activityKey)],
);

export const decisionOutcomes = ["promising", "notSelected"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

// The TAF team's selection decision on a proposal at "Deciding", held until the round's decisions
// are released together: only then is DECIDE applied and the applicants told. One row per
// proposal; a held one is changed in place (version counts the changes) or withdrawn (deleted).
export const proposalDecisions = sqliteTable("proposal_decisions", {
  proposalId: integer("proposal_id")
    .primaryKey()
    .references(() => proposals.id),
  outcome: text("outcome", { enum: decisionOutcomes }).notNull(),
  // The one promising proposal that stands out; the TAF team's mark, never sent to applicants.
  priority: integer("priority", { mode: "boolean" }).notNull().default(false),
  reason: text("reason").notNull(), // internal
  sharedFeedback: text("shared_feedback").notNull().default(""),
  decidedByUserId: integer("decided_by_user_id")
    .notNull()
    .references(() => users.id),
  decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
  releasedAt: integer("released_at", { mode: "timestamp_ms" }),
  version: integer("version").notNull().default(1),
});

// The activities a proposal plans for its implementation: those of the approved concept note,
// copied at APPROVE_CONCEPT, then kept up to date by the applicants. `key` is the concept note's
// key (or a new one): the activity's report (activity_reports) points at it.
export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    key: text("key").notNull(),
    type: text("type").notNull(), // an ACTIVITY_TYPES id (workflows/vocabulary.ts)
    title: text("title").notNull(),
    startsOn: text("starts_on").notNull(), // a date, "2027-03-14"
    endsOn: text("ends_on"), // the last day, when it runs over several
    place: text("place").notNull(),
    participants: integer("participants"), // expected in all; the sum of the countries' once given
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("activities_proposal_key").on(t.proposalId, t.key),
    index("activities_starts_on").on(t.startsOn),
    // The latest change is part of the dashboard's data version (app/reporting/figures.server.ts).
    index("activities_updated").on(t.updatedAt),
  ],
);

// Who takes part in an activity, per country: planned (null until the applicants give it) and
// held (once reported). A row per country, so the timeline filters on a column.
export const activityParticipants = sqliteTable(
  "activity_participants",
  {
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    countryCode: text("country_code")
      .notNull()
      .references(() => countries.code),
    planned: integer("planned"),
    held: integer("held"),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.countryCode] }), index("activity_participants_country").on(t.countryCode)],
);

export const deadlineKinds = ["conceptNote", "activityReports", "completionReport"] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

// The applicants' work with a due date, one row per proposal and kind (app/proposals/
// deadlines.server.ts). Set when the stage begins, met when the work is submitted, re-opened by
// a revision request. The reminder marks name no date: moving the date clears them, so a moved
// deadline is reminded of again, once.
export const proposalDeadlines = sqliteTable(
  "proposal_deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    kind: text("kind", { enum: deadlineKinds }).notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    metAt: integer("met_at", { mode: "timestamp_ms" }),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    dueRemindedAt: integer("due_reminded_at", { mode: "timestamp_ms" }),
    // The latest extension, shown to the applicants; every extension is also in the audit log.
    extendedAt: integer("extended_at", { mode: "timestamp_ms" }),
    extensionReason: text("extension_reason"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("proposal_deadlines_kind").on(t.proposalId, t.kind), index("proposal_deadlines_due").on(t.dueAt)],
);

// A partner that left a proposal after it was submitted: who recorded it, when and why. Its
// partner row is set to "declined" (it no longer stands behind the proposal); this row keeps the story.
export const partnerDepartures = sqliteTable(
  "partner_departures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    reason: text("reason").notNull(),
    // The state the proposal was in when the partner left.
    proposalState: text("proposal_state").notNull(),
    recordedByUserId: integer("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    leftAt: integer("left_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("partner_departures_proposal").on(t.proposalId)],
);

export const proposalTopicKinds = ["theme", "supportKind"] as const;
export type ProposalTopicKind = (typeof proposalTopicKinds)[number];

// The themes and kinds of support a proposal's content names, one row each, so that the TAF
// team's table filters on an indexed column rather than reading every proposal's JSON. Kept in
// step with `proposals.content` by triggers (migration 0013), never written by the portal.
export const proposalTopics = sqliteTable(
  "proposal_topics",
  {
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    kind: text("kind", { enum: proposalTopicKinds }).notNull(),
    topic: text("topic").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.kind, t.topic] }), index("proposal_topics_topic").on(t.kind, t.topic, t.proposalId)],
);

// A draft its lead shared with the country advisors of the countries taking part: while the row
// exists (and the proposal is a draft) they see it; the lead may revoke it until submission, when
// the advisors see the proposal anyway. Sharing and revoking are in the audit log.
export const advisorShares = sqliteTable("advisor_shares", {
  proposalId: integer("proposal_id")
    .primaryKey()
    .references(() => proposals.id),
  sharedByUserId: integer("shared_by_user_id")
    .notNull()
    .references(() => users.id),
  sharedAt: integer("shared_at", { mode: "timestamp_ms" }).notNull(),
});

// The feedback survey of a round (lessons learnt): opened when the round's first decisions are
// released, open until `closesAt` (a fixed period after that release), or until the TAF team
// closes it early (`closedAt`). Questions and scale live in app/lessons/feedback-questions.ts.
export const feedbackSurveys = sqliteTable("feedback_surveys", {
  roundId: integer("round_id")
    .primaryKey()
    .references(() => rounds.id),
  openedAt: integer("opened_at", { mode: "timestamp_ms" }).notNull(),
  closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
  closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  closedByUserId: integer("closed_by_user_id").references(() => users.id),
});

// The institutions asked for feedback on a round: the lead and confirmed partners of each
// proposal whose decision was released, asked once each.
export const feedbackInvitations = sqliteTable(
  "feedback_invitations",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => feedbackSurveys.roundId),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.institutionId] }), index("feedback_invitations_institution").on(t.institutionId)],
);

// One answer per asked institution: any of its applicants may save it, the last save wins and
// names who saved it. Ratings are 1–5 by question id.
export const feedbackAnswers = sqliteTable(
  "feedback_answers",
  {
    roundId: integer("round_id").notNull(),
    institutionId: integer("institution_id").notNull(),
    ratings: text("ratings", { mode: "json" }).$type<Record<string, number>>().notNull(),
    comment: text("comment").notNull().default(""),
    answeredByUserId: integer("answered_by_user_id")
      .notNull()
      .references(() => users.id),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.institutionId] }),
    foreignKey({ columns: [t.roundId, t.institutionId], foreignColumns: [feedbackInvitations.roundId, feedbackInvitations.institutionId] }),
  ],
);

// A person's authenticator app (TOTP, ADR 020). The secret is stored encrypted with a key derived
// from the portal's session secret, and never shown again once the enrolment is confirmed; it
// counts as a second factor only from `confirmedAt`. `lastUsedStep` is the 30-second time step of
// the last code accepted: a code of that step or an earlier one is refused, so none is replayed.
export const totpFactors = sqliteTable("totp_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text("secret_ciphertext").notNull(),
  confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  lastUsedStep: integer("last_used_step"),
  createdAt: createdAt(),
});

// Ten single-use codes for when the authenticator is lost: stored hashed, shown once.
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

// A sign-in half-way: the password was right, the second factor is still owed. Bound to the
// browser by a cookie whose secret only this row's hash knows; it expires in minutes.
export const secondFactorChallenges = sqliteTable(
  "second_factor_challenges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    // The WebAuthn challenge offered to this half-way sign-in; emptied by the answer that spends it.
    passkeyChallenge: text("passkey_challenge"),
  },
  (t) => [index("second_factor_challenges_user").on(t.userId)],
);

// The roles whose people must sign in with a second factor: a row per role that requires it.
export const twoFactorRequirements = sqliteTable("two_factor_requirements", {
  role: text("role", { enum: roles }).primaryKey(),
  requiredByUserId: integer("required_by_user_id").references(() => users.id),
  requiredAt: integer("required_at", { mode: "timestamp_ms" }).notNull(),
});

// A person's passkeys (WebAuthn, ADR 020): the public key of each authenticator they enrolled and
// named. `counter` is the authenticator's signature count: one that does not grow is refused
// (a cloned key), unless the authenticator keeps none (always 0).
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    credentialId: text("credential_id").notNull().unique(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: text("transports", { mode: "json" }).$type<string[]>().notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("passkeys_user").on(t.userId)],
);

// The challenge a browser signs to add a passkey: one per person, spent by the first answer,
// and good for five minutes. The sign-in's challenge lives on `second_factor_challenges`.
export const passkeyChallenges = sqliteTable("passkey_challenges", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  challenge: text("challenge").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

// Figures the home pages and lists show, kept by triggers in the same transaction as the write
// that changes them (migration 0024), so that a page reads a handful of rows instead of counting
// every proposal, message or history entry on each visit. Never written by the application.

/** How many proposals each round has in each state; `submitted`: with a reference (submitted once). */
export const proposalTallies = sqliteTable(
  "proposal_tallies",
  {
    roundId: integer("round_id").notNull(),
    state: text("state").notNull(),
    submitted: integer("submitted", { mode: "boolean" }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.state, t.submitted] })],
);

/** Row counts by name: "mailbox", "audit_log", "proposal_events", "activities", "users:active", "institutions:active". */
export const tallies = sqliteTable("tallies", {
  name: text("name").primaryKey(),
  n: integer("n").notNull(),
});

/**
 * The day each activity happens, as the timeline orders them: held once reported, else planned
 * (coalesce of activity_reports.held_on and activities.starts_on), kept by triggers (migration
 * 0024) so that the timeline reads its page through the index instead of every activity.
 */
export const activityDays = sqliteTable(
  "activity_days",
  {
    activityId: integer("activity_id").primaryKey(),
    happensOn: text("happens_on").notNull(),
  },
  (t) => [index("activity_days_happens_on").on(t.happensOn)],
);
