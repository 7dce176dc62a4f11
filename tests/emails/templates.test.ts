import { describe, expect, it } from "vitest";
import { countryLabel, KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { renderEmail } from "../../emails/layout";
import { invitationEmail } from "../../emails/templates/invitation";
import { passwordChangedEmail } from "../../emails/templates/password-changed";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { formatBrussels } from "../../workflows/time";

const setPasswordUrl = "https://taf.example.org/set-password?token=abc&purpose=invitation";
const expiresAt = new Date("2026-11-30T13:00:00Z");

describe("formatBrussels", () => {
  it("shows Brussels time in winter and in summer", () => {
    expect(formatBrussels(expiresAt)).toBe("30 November 2026, 14:00 (Brussels time)");
    expect(formatBrussels(new Date("2026-07-01T22:05:00Z"))).toBe("2 July 2026, 00:05 (Brussels time)");
  });
});

describe("countryLabel", () => {
  it("writes Kosovo with its asterisk and other countries as they are", () => {
    expect(countryLabel("Kosovo", true)).toBe("Kosovo*");
    expect(countryLabel("Serbia", false)).toBe("Serbia");
  });
});

describe("invitation email", () => {
  it("escapes what people typed in the HTML and keeps it readable in the text", () => {
    const email = invitationEmail({ appUrl: "https://taf.example.org",
      recipientName: "<script>alert('x')</script> Arben",
      invitedByName: "Jelena & Co",
      role: { role: "reviewer", affiliation: "EU Delegation" },
      setPasswordUrl,
      expiresAt,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Arben");
    expect(email.html).toContain("Jelena &amp; Co");
    expect(email.text).toContain("Dear <script>alert('x')</script> Arben,");
  });

  it("offers the link as a button and as raw text, with the expiry in Brussels time", () => {
    const email = invitationEmail({ appUrl: "https://taf.example.org", recipientName: "Arben Krasniqi", invitedByName: "Jelena Petrović", role: { role: "reviewer", affiliation: "EU Delegation" }, setPasswordUrl, expiresAt });
    expect(email.subject).toBe("You are invited to the TAF portal");
    const escapedUrl = "https://taf.example.org/set-password?token=abc&amp;purpose=invitation";
    expect(email.html.split(`href="${escapedUrl}"`)).toHaveLength(3);
    expect(email.html).toContain(`>${escapedUrl}</a>`);
    expect(email.text).toContain(`Choose your password:\n${setPasswordUrl}`);
    expect(email.html).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.text).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.html).toContain("TAF portal — Technical Assistance Facility");
    expect(email.html).toContain("max-width:600px");
    // No account exists until a password is chosen, so the footer does not claim one.
    expect(email.text).toMatch(/You receive this because Jelena Petrović invited you to the TAF portal: https:\/\/taf\.example\.org$/m);
  });

  it("carries the Kosovo* footnote when, and only when, Kosovo is mentioned", () => {
    const kosovo = invitationEmail({ appUrl: "https://taf.example.org",
      recipientName: "Arben Krasniqi",
      invitedByName: "Jelena Petrović",
      role: { role: "applicant", institutionName: "Ministry of Internal Affairs", country: countryLabel("Kosovo", true) },
      setPasswordUrl,
      expiresAt,
    });
    expect(kosovo.html).toContain("Ministry of Internal Affairs, Kosovo*");
    expect(kosovo.html).toContain(KOSOVO_FOOTNOTE);
    expect(kosovo.text).toContain(KOSOVO_FOOTNOTE);

    const serbia = invitationEmail({ appUrl: "https://taf.example.org", recipientName: "Marko Jovanović", invitedByName: "Jelena Petrović", role: { role: "applicant", institutionName: "Ministry of Interior", country: "Serbia" }, setPasswordUrl, expiresAt });
    expect(serbia.html).not.toContain("UNSCR 1244");
    expect(serbia.text).not.toContain("UNSCR 1244");
  });
});

describe("password emails", () => {
  it("sends the reset link with its expiry", () => {
    const email = passwordResetEmail({ appUrl: "https://taf.example.org", recipientName: "Ana Kovač", resetUrl: "https://taf.example.org/reset/xyz", expiresAt });
    expect(email.subject).toBe("Choose a new password for the TAF portal");
    expect(email.text).toContain("https://taf.example.org/reset/xyz");
    expect(email.text).toContain("30 November 2026, 14:00 (Brussels time)");
    expect(email.html).toContain('href="https://taf.example.org/reset/xyz"');
  });

  it("tells the owner when the password changed and links back to the portal", () => {
    const email = passwordChangedEmail({ recipientName: "Ana Kovač", changedAt: expiresAt, appUrl: "https://taf.example.org" });
    expect(email.subject).toBe("Your TAF portal password was changed");
    expect(email.text).toContain("changed on 30 November 2026, 14:00 (Brussels time)");
    expect(email.text).toContain("You receive this because you have an account on the TAF portal: https://taf.example.org");
    expect(email.html).toMatch(/<a href="https:\/\/taf.example.org"[^>]*>TAF portal<\/a>/);
  });
});

describe("renderEmail", () => {
  it("puts the footnote under any email whose text names Kosovo", () => {
    const email = renderEmail({ heading: "Partner confirmed", paragraphs: ["Kosovo* Police confirmed its participation."], appUrl: "https://taf.example.org" });
    expect(email.text.trimEnd().endsWith(KOSOVO_FOOTNOTE)).toBe(true);
  });

  it("refuses a link that would not open the portal", () => {
    expect(() =>
      renderEmail({ heading: "x", paragraphs: [], action: { label: "Open", url: "javascript:alert(1)" }, appUrl: "https://taf.example.org" }),
    ).toThrow(/absolute http/);
  });
});

describe("people's long words in an e-mail", () => {
  it("break inside the mail's width instead of widening it on a phone", () => {
    const url = `https://www.europol.europa.eu/${"publications-events/".repeat(20)}`;
    const { html } = renderEmail({ appUrl: "https://taf.example", heading: `New comment: ${"Zlatibor".repeat(40)}`, paragraphs: ["Dear Ana,", `See ${url}`] });
    const styles = [...html.matchAll(/<(?:h1|p) style="([^"]*)"/g)].map((match) => match[1]);
    expect(styles.length).toBeGreaterThan(2);
    for (const style of styles) expect(style).toContain("overflow-wrap:anywhere");
  });
});
