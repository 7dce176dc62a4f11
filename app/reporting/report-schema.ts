import { z } from "zod";

// The period of the steering committee's report: two calendar days, as a date field sends them.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date, e.g. 2026-01-31.").refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a date that exists.");

export const periodSchema = z
  .object({ from: day, to: day })
  .refine(({ from, to }) => from <= to, { path: ["to"], message: "The period ends on or after the day it starts." });
