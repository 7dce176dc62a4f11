import type { ComponentType, ReactNode } from "react";
import { useTranslation } from "../translation";
import { EuEmblem } from "./eu-emblem";

// EU-funded projects show the emblem with "Funded by the European Union" beside it, legibly;
// every page ends with the Kosovo* footnote. The app's pages and those sent without scripts
// (the table of every proposal) share it, each with its own kind of link.

export function SiteFooter({ link: LinkTo }: { link: ComponentType<{ href: string; children: ReactNode }> }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="inner">
        <p className="eu-funded">
          <EuEmblem className="eu-emblem" label={t("layout.euFlag")} />
          <strong>{t("layout.fundedByEu")}</strong>
        </p>
        <p>{t("layout.project")}</p>
        <p>
          <LinkTo href="/privacy">{t("layout.privacyLink")}</LinkTo>
        </p>
        <p id="kosovo-footnote">{t("layout.kosovoFootnote")}</p>
      </div>
    </footer>
  );
}
