import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

export type ImplementationChange = "started" | "onHold" | "resumed" | "completed";

/** A change in a proposal's implementation, to its applicants. */
export function implementationUpdateEmail(update: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  change: ImplementationChange;
  /** Why implementation was put on hold; shown as a note for the other changes when given. */
  reason?: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(update.title);
  const ref = update.reference;
  const subject = {
    started: ref ? `Implementation of ${ref} started: ${title}` : `Implementation started: ${title}`,
    onHold: ref ? `Implementation of ${ref} on hold: ${title}` : `Implementation on hold: ${title}`,
    resumed: ref ? `Implementation of ${ref} resumed: ${title}` : `Implementation resumed: ${title}`,
    completed: ref ? `${ref} completed: ${title}` : `Proposal completed: ${title}`,
  }[update.change];
  const proposal = ref ? `the proposal “${title}” (${ref})` : `the proposal “${title}”`;
  const reason = paragraphsOf(update.reason ?? "");
  const reasonParagraphs = reason.length > 0 ? [update.change === "onHold" ? "The reason:" : "A note from the TAF team:", ...reason] : [];
  const body = {
    started: [
      `The implementation of ${proposal} has started.`,
      ...reasonParagraphs,
      "What happens next: the activities run as planned in the approved concept, together with the project team. When they are finished, you write the completion report on the TAF portal: what was done and the lessons learnt.",
    ],
    onHold: [
      `The implementation of ${proposal} is on hold.`,
      ...reasonParagraphs,
      "What happens next: the activities wait until the TAF team resumes the implementation. Nothing is lost: the work continues where it stopped. We will write to you when it resumes.",
    ],
    resumed: [
      `The implementation of ${proposal} has resumed. The activities continue where they stopped.`,
      ...reasonParagraphs,
      "What happens next: the activities run as planned, together with the project team. When they are finished, you write the completion report on the TAF portal: what was done and the lessons learnt.",
    ],
    completed: [
      `The implementation of ${proposal} is completed. Thank you for your work and for sharing what you learnt.`,
      ...reasonParagraphs,
      "What happens next: nothing more is needed from you. The TAF team uses the lessons learnt to improve the facility for future proposals. The proposal and its report stay available on the TAF portal.",
    ],
  }[update.change];
  return {
    subject,
    ...renderEmail({
      appUrl: update.appUrl,
      heading: subject,
      paragraphs: [`Dear ${update.recipientName},`, ...body],
      action: { label: "Open the proposal", url: update.proposalUrl },
    }),
  };
}
