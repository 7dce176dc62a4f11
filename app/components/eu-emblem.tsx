// The EU emblem as its graphic rules draw it: a blue rectangle 1.5 times as wide as high, twelve
// gold five-pointed stars upright on an invisible circle whose radius is a third of the height,
// each star's points on a circle of an eighteenth of the height. Drawn here, not loaded, so the
// footer needs no image request and the strict CSP allows it.

const HEIGHT = 200;
const WIDTH = 300;
const BLUE = "#003399";
const GOLD = "#FFCC00";

function starPoints(cx: number, cy: number, outer: number) {
  // A regular five-pointed star: the inner radius is the outer one times sin(18°)/sin(126°).
  const inner = outer * (Math.sin(Math.PI / 10) / Math.sin((7 * Math.PI) / 10));
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(cx + radius * Math.cos(angle)).toFixed(2)},${(cy + radius * Math.sin(angle)).toFixed(2)}`;
  }).join(" ");
}

const STARS = Array.from({ length: 12 }, (_, hour) => {
  const angle = (hour * Math.PI) / 6;
  return starPoints(WIDTH / 2 + (HEIGHT / 3) * Math.sin(angle), HEIGHT / 2 - (HEIGHT / 3) * Math.cos(angle), HEIGHT / 18);
});

/** The flag of the European Union; `label` names it for screen readers where no text beside it does. */
export function EuEmblem({ className, label }: { className?: string; label?: string }) {
  return (
    <svg
      className={className}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      // A size of its own, so that the flag stays small even where the style sheet did not load.
      width={72}
      height={48}
      xmlns="http://www.w3.org/2000/svg"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <rect width={WIDTH} height={HEIGHT} fill={BLUE} />
      {STARS.map((points, hour) => (
        <polygon key={hour} points={points} fill={GOLD} />
      ))}
    </svg>
  );
}
