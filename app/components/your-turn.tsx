import { useTranslation } from "../translation";

/** The mark on a list row whose proposal waits for the person looking at the list. */
export function YourTurn({ yourTurn }: { yourTurn?: boolean }) {
  const { t } = useTranslation();
  if (!yourTurn) return null;
  return (
    <>
      {" "}
      <span className="badge turn">
        <span aria-hidden="true">▶ </span>
        {t("proposalTable.yourTurn")}
      </span>
    </>
  );
}
