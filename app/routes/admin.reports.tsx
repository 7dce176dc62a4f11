import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FieldError } from "../components/fields";
import { PrintTools } from "../components/print/print-tools";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { requirePermission } from "../permissions.server";
import { pdfAvailable, pdfNotice } from "../reporting/pdf.server";
import { periodSchema } from "../reporting/report-schema";
import { periodReport } from "../reporting/steering-report.server";

export const meta: MetaFunction = () => [{ title: "Steering committee report for a period · TAF portal" }];

// The period the form shows before one is chosen: this calendar year so far.
function thisYear() {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "viewSteeringCommitteeReport");
  const params = new URL(request.url).searchParams;
  const typed = params.has("from") || params.has("to") ? { from: params.get("from") ?? "", to: params.get("to") ?? "" } : thisYear();
  const parsed = periodSchema.safeParse(typed);
  const base = { typed, portalUrl: env().APP_URL, pdfAvailable: pdfAvailable(), notice: pdfNotice(params.get("pdf")) };
  if (!parsed.success) {
    return { ...base, errors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])), report: null };
  }
  return { ...base, errors: {} as Record<string, string>, report: periodReport(parsed.data) };
}

export default function PeriodReportPage() {
  const page = useLoaderData<typeof loader>();
  const query = new URLSearchParams({ from: page.typed.from, to: page.typed.to }).toString();
  return (
    <>
      <Form method="get" className="print-tools period-form">
        <fieldset>
          <legend>The period to report on</legend>
          {(["from", "to"] as const).map((field) => (
            <p key={field}>
              <label htmlFor={`period-${field}`}>{field === "from" ? "Submitted from" : "Until (included)"}</label>
              <input type="date" id={`period-${field}`} name={field} defaultValue={page.typed[field]} aria-invalid={page.errors[field] ? true : undefined} aria-describedby={page.errors[field] ? `period-${field}-error` : undefined} />
              <FieldError meta={{ errors: page.errors[field] ? [page.errors[field]] : undefined, errorId: `period-${field}-error` }} />
            </p>
          ))}
          <button type="submit">Show the report</button>
        </fieldset>
      </Form>
      {page.report ? (
        <>
          <PrintTools pdfHref={`/admin/reports.pdf?${query}`} pdfAvailable={page.pdfAvailable} notice={page.notice} back={{ to: "/admin/rounds", label: "← Submission rounds" }} />
          <SteeringReport report={page.report} portalUrl={page.portalUrl} showRound />
        </>
      ) : null}
    </>
  );
}
