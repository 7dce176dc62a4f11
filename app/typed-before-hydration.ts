// What a person types into a page before it hydrates is theirs and stays. The server's page can
// be used at once; the browser's code and the page's catalogue arrive later (entry.client.tsx),
// and two things went wrong with what was typed meanwhile:
// - React 18 hydrates a textarea by setting its value to its text whenever that text is the
//   default it renders (ReactDOMTextarea's postMountWrapper), so what was typed into a prefilled
//   textarea (a draft's Summary, a concept note's Risks) was replaced by the saved text. Until the
//   page has hydrated, a textarea typed into carries what was typed as its text too: React finds
//   a text that is not its default and leaves the value alone. Once hydrated it gets its own
//   default back (a textarea's text no longer changes its value once typed into).
// - The page's handlers were not there to hear those keystrokes: the autosave, its warning on
//   leaving and Conform learn of them from an input (or, for a list, change) event sent once the
//   page has hydrated, as if typed then.

/** Starts keeping what is typed; call what it returns once the page has hydrated. */
export function keepWhatIsTypedBeforeHydration(): () => void {
  const defaults = new Map<HTMLTextAreaElement, string>();
  const hold = (area: HTMLTextAreaElement) => {
    if (!defaults.has(area)) defaults.set(area, area.defaultValue);
    area.defaultValue = area.value;
  };
  for (const area of document.querySelectorAll("textarea")) if (area.value !== area.defaultValue) hold(area);
  const onInput = (event: Event) => {
    if (event.target instanceof HTMLTextAreaElement) hold(event.target);
  };
  document.addEventListener("input", onInput, true);

  let hydrated = false;
  return () => {
    if (hydrated) return;
    hydrated = true;
    document.removeEventListener("input", onInput, true);
    for (const [area, text] of defaults) area.defaultValue = text;
    // A text differs from its default only once typed into: buttons', boxes' and hidden inputs'
    // values are their defaults (a box's ticking is its `checked`); a file's cannot be set.
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("textarea, input:not([type=file])")) {
      if (control.value !== control.defaultValue) announce(control);
    }
    for (const list of document.querySelectorAll("select")) {
      if ([...list.options].some((option) => option.selected !== option.defaultSelected)) list.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
}

/**
 * React fires a text control's onChange only when its value differs from the one its tracker
 * (an own `value` property of the element) last saw, which since hydration is what was typed:
 * the tracker is told the default, the element keeps what was typed (set past the tracker, by
 * the prototype's own setter), and the input event then reads as the edit it was.
 */
function announce(control: HTMLInputElement | HTMLTextAreaElement) {
  const typed = control.value;
  const focused = document.activeElement === control;
  const { selectionStart, selectionEnd, selectionDirection, scrollTop } = control;
  control.value = control.defaultValue;
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), "value")?.set?.call(control, typed);
  if (focused && selectionStart !== null && selectionEnd !== null) control.setSelectionRange(selectionStart, selectionEnd, selectionDirection ?? undefined);
  control.scrollTop = scrollTop;
  control.dispatchEvent(new Event("input", { bubbles: true }));
}
