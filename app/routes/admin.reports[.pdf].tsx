import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { requirePermission } from "../permissions.server";
import { pdfResponse } from "../reporting/pdf.server";
import { periodSchema } from "../reporting/report-schema";
import { periodReport } from "../reporting/steering-report.server";

// The period's steering committee report as a PDF; a period that does not read goes back to its form.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "viewSteeringCommitteeReport");
  const params = new URL(request.url).searchParams;
  const typed = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  const query = new URLSearchParams(typed).toString();
  const parsed = periodSchema.safeParse(typed);
  if (!parsed.success) return new Response(null, { status: 303, headers: { Location: `/admin/reports?${query}` } });
  const report = periodReport(parsed.data);
  return pdfResponse({
    title: `Steering committee report: ${report.heading}`,
    body: renderToStaticMarkup(<SteeringReport report={report} portalUrl={env().APP_URL} showRound />),
    fileName: `TAF-steering-committee-report-${parsed.data.from}-${parsed.data.to}.pdf`,
    printPage: `/admin/reports?${query}`,
  });
}
