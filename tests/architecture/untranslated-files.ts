// The pages and components that still write English of their own (issue 12), checked by
// hard-coded-english.test.ts. Convert a file (ADR 019's recipe), then take it off this list;
// the test fails for a file listed here that has no English left, so the list only shrinks.
export const UNTRANSLATED_FILES: readonly string[] = [
  "app/components/deadline.tsx",
  "app/components/institution-merge.tsx",
  "app/components/people/person-forms.tsx",
  "app/components/person.tsx",
  "app/components/proposal/versions.tsx",
  "app/routes/admin.institutions.$institutionId.tsx",
  "app/routes/admin.institutions.$institutionId_.merge.tsx",
  "app/routes/admin.institutions._index.tsx",
  "app/routes/admin.institutions.new.tsx",
  "app/routes/admin.people.$userId.tsx",
  "app/routes/admin.people._index.tsx",
  "app/routes/admin.people.invite.tsx",
  "app/routes/proposals.$proposalId.versions.tsx",
];
