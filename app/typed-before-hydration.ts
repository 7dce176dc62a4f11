// What a person types into a page before it hydrates is theirs and stays. The server's page can
// be used at once; the browser's code and the page's catalogue arrive later (entry.client.tsx),
// and two things went wrong with what was typed meanwhile (ADR 030):
// - React 18 hydrates a textarea by setting its value to its text whenever that text is the
//   default it renders (ReactDOMTextarea's postMountWrapper), so what was typed into a prefilled
//   textarea (a draft's Summary, a concept note's Risks) was replaced by the saved text. Until the
//   page has hydrated, a textarea typed into carries what was typed as its text too: React finds
//   a text that is not its default and leaves the value alone. Once hydrated it gets its own
//   default back (a textarea's text no longer changes its value once typed into).
// - The page's handlers were not there to hear those edits: the autosave, its warning on leaving
//   and Conform learn of each text and list that differs from what the server sent from the
//   events an edit makes, sent once the page has hydrated. Ticked boxes stay ticked and are sent
//   with the form, but are heard only with the next edit: a box announces itself by a click.

// The inputs that are not typed into (React hears the others through input events and its value
// tracker): a box is ticked, a file chosen, a button pressed; a hidden one is the page's own.
const NOT_TYPED = new Set(["checkbox", "radio", "file", "hidden", "submit", "reset", "button", "image"]);

type Edited = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Starts keeping what is typed; call what it returns once the page has hydrated. */
export function keepWhatIsTypedBeforeHydration(): () => void {
  const defaults = new Map<HTMLTextAreaElement, string>();
  const edited = new Set<Edited>();
  const note = (control: EventTarget | null) => {
    if (!isHeard(control)) return;
    edited.add(control);
    if (control instanceof HTMLTextAreaElement) {
      if (!defaults.has(control)) defaults.set(control, control.defaultValue);
      control.defaultValue = control.value;
    }
  };
  // Typed before this script ran: only the values tell, unless the browser put back what the page
  // held when it was last seen (going back, or a reload): that was heard then, or is older than
  // what the server now sends. Typed since: the events tell.
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const restored = navigation?.type === "back_forward" || navigation?.type === "reload";
  if (!restored) for (const control of document.querySelectorAll("input, textarea, select")) if (isHeard(control) && differs(control)) note(control);
  let composing: EventTarget | null = null;
  const onEdit = (event: Event) => {
    // A composition begun before this script ran started unheard.
    if ((event as InputEvent).isComposing) composing = event.target;
    note(event.target);
  };
  const onComposition = (event: Event) => (composing = event.type === "compositionstart" ? event.target : null);
  const listeners = [["input", onEdit], ["change", onEdit], ["compositionstart", onComposition], ["compositionend", onComposition]] as const;
  for (const [type, listener] of listeners) document.addEventListener(type, listener, true);

  let hydrated = false;
  return () => {
    if (hydrated) return;
    hydrated = true;
    for (const [type, listener] of listeners) document.removeEventListener(type, listener, true);
    for (const [area, text] of defaults) area.defaultValue = text;
    for (const control of edited) if (control.isConnected && differs(control)) announceOnceComposed(control, composing);
  };
}

function isHeard(control: EventTarget | null): control is Edited {
  return control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement || (control instanceof HTMLInputElement && !NOT_TYPED.has(control.type));
}

/**
 * Whether a control holds other than what the server sent, as the browser reads what it sent: a
 * copy of it, reset in a form of its own, holds that (a list's first option that can be chosen
 * where none is marked, a text cleaned of line breaks, a range's middle).
 */
function differs(control: Edited): boolean {
  if (control instanceof HTMLTextAreaElement) return control.value !== control.defaultValue;
  // Half-typed (a "1e" in a number): its value reads empty, and announcing it would empty it. One
  // that holds what was sent as it was written needs no copy (most of them, on every page load).
  if (control instanceof HTMLInputElement && (control.validity.badInput || control.value === control.defaultValue)) return false;
  const sent = control.cloneNode(true) as Edited;
  document.createElement("form").append(sent);
  sent.form!.reset();
  if (control instanceof HTMLSelectElement) return [...control.options].some((option, index) => option.selected !== (sent as HTMLSelectElement).options[index]!.selected);
  return control.value !== sent.value;
}

/**
 * A composition under way (an input method's word not yet chosen) is announced once chosen; the
 * caret of the control being typed into stays where it was.
 */
function announceOnceComposed(control: Edited, composing: EventTarget | null) {
  if (composing === control) control.addEventListener("compositionend", () => differs(control) && announce(control), { once: true });
  else announce(control);
}

/**
 * A list announces itself as the browser does (input, then change). React fires a text's
 * onChange only when its value differs from the one its tracker (an own `value` property of the
 * element) last saw, which since hydration is what was typed: the tracker is told the default,
 * the element keeps what was typed (set past the tracker, by the prototype's own setter), and
 * the input event then reads as the edit it was.
 */
function announce(control: Edited) {
  if (control instanceof HTMLSelectElement) {
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  const typed = control.value;
  const focused = document.activeElement === control;
  // Null where a type has no caret (a number, an address, a date).
  const { selectionStart, selectionEnd, selectionDirection, scrollTop } = control;
  control.value = control.defaultValue;
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), "value")?.set?.call(control, typed);
  if (focused && selectionStart !== null && selectionEnd !== null) control.setSelectionRange(selectionStart, selectionEnd, selectionDirection ?? undefined);
  control.scrollTop = scrollTop;
  control.dispatchEvent(new Event("input", { bubbles: true }));
}
