import { useTranslation } from "../translation";
import type { StatechartPicture } from "../statecharts/picture.server";

/**
 * A statechart's picture (a proposal's or a round's), as an image at its natural size so its
 * labels stay readable: it fits a desktop page; on a phone it scrolls inside its own frame, whose
 * edges fade where more of the picture lies beyond them, and a line under it says so (a phone
 * shows no scrollbar). The image's alternative text says in words where things are and where they
 * have been.
 */
export function Statechart({ picture }: { picture: StatechartPicture }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="statechart" tabIndex={0} role="group" aria-label={t("statechartFrame.label")}>
        <img src={picture.src} alt={picture.alt} width={picture.width} height={picture.height} />
      </div>
      <p className="statechart-hint muted">{t("statechartFrame.hint")}</p>
    </>
  );
}
