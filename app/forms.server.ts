import { translatorOf } from "./i18n.server";

// Every form a page posts is read here, so malformed requests get one clear answer, in the
// reader's language, not a 500.

/** List fields (`activities[3].title`) beyond this position are refused, not built. */
const MAX_LIST_POSITION = 200;

/**
 * The posted form. A body that is not a form answers 415; a field name with an absurd list
 * position answers 400 before any form library builds a list that long from it.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response((await translatorOf(request))("refusalPage.notAForm.explanation"), { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response((await translatorOf(request))("access.formUnreadable"), { status: 400 });
  }
  for (const name of form.keys()) {
    for (const [, position] of name.matchAll(/\[(\d+)\]/g)) {
      if (Number(position) > MAX_LIST_POSITION) throw new Response((await translatorOf(request))("access.formMalformed"), { status: 400 });
    }
  }
  return form;
}
