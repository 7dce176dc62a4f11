import { describe, expect, it } from "vitest";
import { roundClosedDraftsEmail } from "../../emails/templates/round-closed-drafts";

const closing = {
  appUrl: "https://taf.example.org",
  recipientName: "Arben Krasniqi",
  roundCode: "2026-R2",
  roundTitle: "Second call <2026>",
  closedAt: new Date("2026-10-15T22:00:00Z"),
};

describe("the e-mail to a lead whose drafts a closing round left behind", () => {
  it("names each draft with its link, and escapes what people typed", () => {
    const email = roundClosedDraftsEmail({
      ...closing,
      drafts: [
        { title: "Heroin <b>routes</b>", url: "https://taf.example.org/proposals/7" },
        { title: "", url: "https://taf.example.org/proposals/9" },
      ],
    });
    expect(email.subject).toBe("2026-R2 is closed: 2 drafts were not submitted");
    expect(email.text).toContain("• Heroin <b>routes</b>: https://taf.example.org/proposals/7");
    expect(email.text).toContain("• Untitled proposal: https://taf.example.org/proposals/9");
    expect(email.text).toContain("closed on 16 October 2026, 00:00 (Brussels time)");
    expect(email.html).toContain("Heroin &lt;b&gt;routes&lt;/b&gt;");
    expect(email.html).not.toContain("<b>routes</b>");
    expect(email.html).toContain("Second call &lt;2026&gt;");
  });

  it("speaks of one draft as one", () => {
    const email = roundClosedDraftsEmail({ ...closing, drafts: [{ title: "Firearms", url: "https://taf.example.org/proposals/3" }] });
    expect(email.subject).toBe("2026-R2 is closed: your draft was not submitted");
    expect(email.text).toContain("This draft your institution leads was not submitted");
    expect(email.text).toContain("it can no longer be submitted to this round");
  });
});
