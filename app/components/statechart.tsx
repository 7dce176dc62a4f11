import { useEffect, useRef } from "react";

/** A statechart's picture (a proposal's or a round's); with JavaScript on, scrolled so the current state is in view. */
export function Statechart({ svg }: { svg: string }) {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = frame.current;
    const current = box?.querySelector(".current");
    if (!box || !current) return;
    const offset = current.getBoundingClientRect().left - box.getBoundingClientRect().left;
    box.scrollLeft = Math.max(0, box.scrollLeft + offset - box.clientWidth / 3);
  }, [svg]);
  return <div className="statechart" ref={frame} tabIndex={0} aria-label="The process as a diagram (scrolls sideways)" dangerouslySetInnerHTML={{ __html: svg }} />;
}
