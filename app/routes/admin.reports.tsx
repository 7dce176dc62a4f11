import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { FieldError } from "../components/fields";
import { PrintTools } from "../components/print/print-tools";
import { ReportCharts, ReportSummary } from "../components/print/report-charts";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { chartSentences } from "../reporting/chart-sentences.server";
import { dashboardFigures } from "../reporting/figures.server";
import { pdfAvailable, pdfNotice } from "../reporting/pdf.server";
import { periodOf } from "../reporting/report-schema";
import { periodReport } from "../reporting/steering-report.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The period the form shows before one is chosen: this calendar year so far.
function thisYear() {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewSteeringCommitteeReport");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const { t } = words;
  const params = new URL(request.url).searchParams;
  const typed =
    params.has("from") || params.has("to") ? { from: params.get("from")?.slice(0, 20) ?? "", to: params.get("to")?.slice(0, 20) ?? "" } : thisYear();
  const period = periodOf(typed);
  const base = { title: t("layout.pageTitle", { page: t("reportsPage.title") }), typed, portalUrl: env().APP_URL, pdfAvailable: pdfAvailable(), notice: pdfNotice(params.get("pdf"), t) };
  if (!period.ok) return { ...base, errors: Object.fromEntries(Object.entries(period.errors).map(([field, message]) => [field, t(message)])), report: null, figures: null, sentences: null };
  const figures = dashboardFigures(user, { rounds: [], submittedFrom: period.submittedFrom, submittedBefore: period.submittedBefore });
  return { ...base, errors: {} as Record<string, string>, report: periodReport(period, words), figures, sentences: chartSentences(figures, words) };
}

export default function PeriodReportPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const query = new URLSearchParams(page.typed).toString();
  return (
    <>
      <Form method="get" className="print-tools period-form">
        <fieldset>
          <legend>{t("reportsPage.period")}</legend>
          {(["from", "to"] as const).map((field) => (
            <div key={field} className="field">
              <label htmlFor={`period-${field}`}>{field === "from" ? t("reportsPage.firstDay") : t("reportsPage.lastDay")}</label>{" "}
              <input
                type="date"
                id={`period-${field}`}
                name={field}
                defaultValue={page.typed[field]}
                aria-invalid={page.errors[field] ? true : undefined}
                aria-describedby={page.errors[field] ? `period-${field}-error` : undefined}
              />
              <FieldError meta={{ errors: page.errors[field] ? [page.errors[field]] : undefined, errorId: `period-${field}-error` }} />
            </div>
          ))}
          <button type="submit">{t("reportsPage.show")}</button>
        </fieldset>
      </Form>
      {page.report && page.figures && page.sentences ? (
        <>
          <PrintTools pdfHref={`/admin/reports.pdf?${query}`} pdfAvailable={page.pdfAvailable} notice={page.notice} back={{ to: "/admin/rounds", label: `← ${t("reportsPage.backToRounds")}` }} />
          <SteeringReport report={page.report} summary={<ReportSummary figures={page.figures} />} charts={<ReportCharts figures={page.figures} sentences={page.sentences} round={null} />} portalUrl={page.portalUrl} showRound />
        </>
      ) : null}
    </>
  );
}
