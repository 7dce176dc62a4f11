import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { formatBrusselsIn, formatBrusselsTimeIn } from "../../workflows/time";
import { DueBy } from "../components/deadline";
import { dueByIn } from "../proposals/deadline-words.server";
import { draftStatusText } from "../components/proposal/autosave-status";
import { useHydrated } from "../components/use-hydrated";
import { ReviewEventForm, ReviewFields, ReviewReadOnly } from "../components/reviews/review-form";
import { ReviewOthers, ReviewProposalAsSubmitted, ReviewWhoTakesPart } from "../components/reviews/review-proposal";
import { readForm } from "../forms.server";
import { pageLanguage, translateMessage, translatorOf } from "../i18n.server";
import { REVIEW_CLOSED, requireReviewAssignment, reviewAssignmentToAnswer } from "../permissions.server";
import type { ReviewDraftTyped } from "../reviews/review-schema";
import { reviewerCommandSchema } from "../reviews/review-schema";
import type { PageWords } from "../reviews/reviews.server";
import { reviewPageFor, saveReviewForm, sendAssignmentCommand } from "../reviews/reviews.server";
import type { SaveReply } from "../proposals/use-autosave";
import { useAutosave } from "../proposals/use-autosave";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

const NOTICES: Record<string, string> = {
  DECLARE_NO_CONFLICT: "reviewPage.notice.noConflict",
  submitted: "reviewPage.notice.submitted",
  REOPEN_REVIEW: "reviewPage.notice.reopened",
};

async function wordsOf(request: Request): Promise<PageWords> {
  return { t: await translatorOf(request), language: await pageLanguage(request) };
}

// After these the reviewer sees nothing more of the proposal: the answer is told on the home page.
const GOING_HOME: Record<string, string> = { DECLARE_CONFLICT: "review-conflict-declared", DECLINE: "review-declined" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assignment } = await requireReviewAssignment(request, Number(params.assignmentId));
  const notice = NOTICES[new URL(request.url).searchParams.get("notice") ?? ""];
  const words = await wordsOf(request);
  const { t } = words;
  const page = reviewPageFor(assignment, user, words);
  const pageTitle = t("layout.pageTitle", { page: page.reference ? t("reviewPage.title", { reference: page.reference }) : t("reviewPage.titleWithoutReference") });
  return { ...page, pageTitle, notice: notice ? t(notice) : null, due: dueByIn(page.dueAt, new Date(page.now), words) };
}

type Reply = SaveReply & { savedAtBrussels?: string; typed?: ReviewDraftTyped; refusal?: string; reviewClosed?: true };

/** Every answer of the action has one shape, for the page and the autosave alike. */
function answer(reply: Reply): Reply {
  return reply;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const opened = await reviewAssignmentToAnswer(request, Number(params.assignmentId));
  const words = await wordsOf(request);
  const { t } = words;
  const form = Object.fromEntries([...(await readForm(request))].map(([k, v]) => [k, String(v)]));
  const version = Number(form.version);
  const basedOn = Number(form.revision);
  if (opened.closed) {
    // The review closed (or the proposal was withdrawn) before this form came in: nothing is
    // saved or submitted. With JavaScript the page stays as it is (no reload, see
    // shouldRevalidate), the text typed in it, and says so; without, the page cannot be shown
    // again, as the proposal is no longer open to them, and the loader says the review closed.
    const saving = form.intent === "autosave" || form.intent === "save";
    return answer({ savedAt: null, revision: basedOn, problem: saving ? t("reviewPage.notSaved.reviewClosed") : null, conflict: true, refusal: saving ? undefined : t(REVIEW_CLOSED), reviewClosed: true });
  }
  const { user, assignment } = opened;
  // "save" (the button), "autosave" (the browser while typing) and submitting all save first.
  if (form.intent === "save" || form.intent === "autosave" || form.intent === "SUBMIT_REVIEW") {
    const saved = saveReviewForm(assignment, form, basedOn, words);
    if (!saved.ok) return answer({ savedAt: null, revision: basedOn, problem: saved.message, conflict: saved.conflict, retry: saved.retry, typed: saved.typed });
    const reply = answer({ savedAt: formatBrusselsTimeIn(words.language, saved.savedAt), savedAtBrussels: formatBrusselsIn(words.language, saved.savedAt), revision: saved.revision, problem: null, conflict: false });
    if (form.intent !== "SUBMIT_REVIEW") return reply;
    const outcome = sendAssignmentCommand(user, assignment, { type: "SUBMIT_REVIEW" }, version, t);
    if (!outcome.ok) return answer({ ...reply, refusal: outcome.message });
    return redirect(`/reviews/${assignment.id}?notice=submitted`);
  }
  const command = reviewerCommandSchema.safeParse(form);
  if (!command.success) {
    return answer({ savedAt: null, revision: basedOn, problem: null, conflict: false, refusal: translateMessage(command.error.issues[0]?.message ?? "reviewPage.chooseWhatToDo", t) });
  }
  const sent = command.data;
  const intent = sent.intent;
  const outcome = sendAssignmentCommand(user, assignment, sent.intent === "DECLARE_CONFLICT" || sent.intent === "DECLINE" ? { type: sent.intent, reason: sent.reason } : { type: sent.intent }, version, t);
  if (!outcome.ok) return answer({ savedAt: null, revision: basedOn, problem: null, conflict: false, refusal: outcome.message });
  const home = GOING_HOME[intent];
  return redirect(home ? `/?notice=${home}` : `/reviews/${assignment.id}?notice=${intent}`);
}

// A draft save changes nothing else on the page: no need to load it again after each one.
// Nor after a form refused because the review closed: the page would be gone, and the text typed in it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, actionResult, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" || formData?.get("intent") === "save" || (actionResult as Reply | undefined)?.reviewClosed ? false : defaultShouldRevalidate;

export default function ReviewPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const may = (type: string) => page.events.some((event) => event.type === type);
  // A save refused once the form is gone (a second Submit after the first went in) is said here,
  // as the editor that says it beside the save button is no longer on the page.
  const refusal = result?.refusal ?? (page.editing ? null : result?.problem);
  return (
    <>
      <p>
        <Link to="/">{t("reviewPage.home")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {page.reference ? <span className="reference">{page.reference}</span> : null} {page.title}
        </h1>
        <span className={page.submitted ? "badge ok" : "badge"}>{page.stateLabel}</span>
      </div>
      {page.notice ? (
        <p className="notice success" role="status">
          {page.notice}
        </p>
      ) : null}
      {refusal ? (
        <div className="notice error" role="alert">
          <p>{refusal}</p>
          {page.opened?.missing.length && page.editing && !result?.reviewClosed ? (
            <ul>
              {page.opened.missing.map((part) => (
                <li key={part.field}>
                  <a href={`#${part.field}`}>{part.label}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <DueBy due={page.due} />
      <ReviewWhoTakesPart lead={page.lead} partners={page.partners} countries={page.countries} />
      {page.opened === null ? (
        <section aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">{t("reviewPage.conflict.heading")}</h2>
          <p>{t("reviewPage.conflict.intro")}</p>
          <div className="action-forms">
            {may("DECLARE_NO_CONFLICT") ? <ReviewEventForm intent="DECLARE_NO_CONFLICT" label={t("reviewPage.conflict.none")} version={page.version} /> : null}
            {may("DECLARE_CONFLICT") ? (
              <ReviewEventForm intent="DECLARE_CONFLICT" label={t("reviewPage.conflict.declare")} version={page.version} reasonLabel={t("reviewPage.conflict.declareReason")} danger />
            ) : null}
            {may("DECLINE") ? <ReviewEventForm intent="DECLINE" label={t("reviewPage.conflict.decline")} version={page.version} reasonLabel={t("reviewPage.conflict.declineReason")} danger /> : null}
          </div>
        </section>
      ) : (
        <div className="review-layout">
          <ReviewProposalAsSubmitted proposal={page.opened.proposal} />
          <div className="review-side">
            {page.editing ? (
              <ReviewEditor page={page} opened={page.opened} result={result} />
            ) : (
              <section aria-labelledby="review-heading">
                <h2 id="review-heading">{t("reviewPage.yourReview")}</h2>
                {page.opened.submitted ? <p className="muted">{t("reviewPage.submittedAt", { at: page.opened.submitted })}</p> : null}
                <ReviewReadOnly criteria={page.opened.criteria} recommendations={page.opened.recommendations} confidenceLevels={page.opened.confidenceLevels} values={page.opened.review} />
                {may("REOPEN_REVIEW") ? <ReviewEventForm intent="REOPEN_REVIEW" label={t("reviewPage.reopen")} version={page.version} /> : null}
              </section>
            )}
            <ReviewOthers others={page.opened.others} />
          </div>
        </div>
      )}
    </>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Opened = NonNullable<Page["opened"]>;

function ReviewEditor({ page, opened, result }: { page: Page; opened: Opened; result: ReturnType<typeof useActionData<typeof action>> }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const formId = `review-${page.assignmentId}`;
  // The autosave's own fetcher, shared by key: its answer carries the revision a submit is based on.
  const saves = useFetcher<SaveReply>({ key: `${formId}-save` });
  const revision = Math.max(opened.revision, result?.revision ?? 0, saves.data?.revision ?? 0);
  const autosave = useAutosave({ formId, revision: opened.revision, check: () => null });
  const lastSaved = opened.lastSaved ?? t("reviewPage.neverSaved");
  const serverStatus = result && "savedAtBrussels" in result && result.savedAtBrussels ? t("reviewPage.savedAt", { at: result.savedAtBrussels }) : (result?.problem ?? null);
  const status = hydrated && autosave.status.kind !== "unchanged" ? draftStatusText(autosave.status, lastSaved, t) : (serverStatus ?? draftStatusText({ kind: "unchanged" }, lastSaved, t));
  const failed = hydrated ? autosave.status.kind === "notSaved" : Boolean(result?.problem);
  const values = result?.typed ?? opened.review;
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">{t("reviewPage.yourReview")}</h2>
      <Form
        method="post"
        id={formId}
        className="stack review-form"
        onChange={autosave.onEdit}
        onSubmit={(event) => {
          // Submitting posts the whole form; saving goes through the autosave's queue.
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          if (submitter?.getAttribute("value") === "SUBMIT_REVIEW") return;
          autosave.onSubmit(event);
        }}
      >
        <p className="muted">
          {t("reviewPage.saveAnyTime")}
          {hydrated ? ` ${t("reviewPage.autosave")}` : null}
        </p>
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="version" value={page.version} />
        <ReviewFields criteria={opened.criteria} recommendations={opened.recommendations} confidenceLevels={opened.confidenceLevels} values={values} />
        <div className="save-bar">
          <p className={failed ? "save-status error" : "save-status"} role="status">
            {status}
          </p>
          <button type="submit" name="intent" value="save">
            {t("reviewPage.saveDraft")}
          </button>
          <button type="submit" name="intent" value="SUBMIT_REVIEW">
            {t("reviewPage.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
