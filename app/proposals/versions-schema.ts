import { z } from "../zod";

// A number that is not a version number is ignored: the page then compares the last two.
const versionNumber = z.coerce.number().int().positive().optional().catch(undefined);
/** The versions page's search: which two versions of each kind to compare. */
export const compareQuery = z.object({
  proposalFrom: versionNumber,
  proposalTo: versionNumber,
  conceptNoteFrom: versionNumber,
  conceptNoteTo: versionNumber,
  activityReportFrom: versionNumber,
  activityReportTo: versionNumber,
  completionReportFrom: versionNumber,
  completionReportTo: versionNumber,
});
