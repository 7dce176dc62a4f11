import { Trans } from "../../trans";
import { useTranslation } from "../../translation";

// Above a printable page, on screen only: how to get it on paper, and the portal's own PDF where
// the server can make one (otherwise the browser's Print → Save as PDF does the same). The PDF
// link is a plain link, not `download`: the PDF comes as an attachment, and when none can be
// made the browser follows the redirect back to this page and its notice.

export function PrintTools({
  pdfHref,
  pdfAvailable,
  notice,
  back,
}: {
  pdfHref: string;
  pdfAvailable: boolean;
  notice: string | null;
  back: { to: string; label: string };
}) {
  const { t } = useTranslation();
  return (
    <div className="print-tools">
      <p>
        <a href={back.to}>{back.label}</a>
      </p>
      {notice ? (
        <p className="notice warning" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        {pdfAvailable ? (
          <Trans i18nKey="printTools.download" components={{ download: <a className="button" href={pdfHref} /> }} />
        ) : (
          t("printTools.noPdf")
        )}
      </p>
    </div>
  );
}
