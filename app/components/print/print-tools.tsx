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
          <>
            <a className="button" href={pdfHref}>
              Download PDF
            </a>{" "}
            or print this page with your browser's Print (Ctrl+P): it prints as clean A4 pages.
          </>
        ) : (
          <>No PDF can be made on this server: use your browser's Print (Ctrl+P) and choose “Save as PDF”. The page prints as clean A4 pages.</>
        )}
      </p>
    </div>
  );
}
