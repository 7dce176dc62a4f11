import { useTranslation } from "../translation";

/** The ten recovery codes, shown once, with a text file to keep them in (a data: link works without JavaScript). */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const file = `${t("secondFactor.recoveryFileHeading")}\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="recovery-heading" className="stack">
      <h2 id="recovery-heading">{t("secondFactor.recoveryHeading")}</h2>
      <p>{t("secondFactor.recoveryExplanation")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="taf-portal-recovery-codes.txt">
          {t("secondFactor.download")}
        </a>
      </p>
    </section>
  );
}
