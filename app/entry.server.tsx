import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import type { i18n as I18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { PEOPLE_WAIT_MS } from "../db/client";
import { NonceProvider } from "./components/nonce";
import { withoutNulBytes } from "./html-stream.server";
import { pageLanguage, pageTranslatorOf } from "./i18n.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The per-response nonce the Content-Security-Policy allows inline scripts with. */
    cspNonce?: string;
  }
}

// A guard against a render that never ends, not a deadline: longer than a write in this process
// may wait for another writer (PEOPLE_WAIT_MS, on the event loop), so that such a wait never
// aborts a page being rendered beside it into a 500.
const ABORT_DELAY = 3 * PEOPLE_WAIT_MS;

// What the server's processes take from the app, reached through this build (app/process.server.ts).
export * as portalProcess from "./process.server";

// The whole page is rendered before it is sent: pages here are small and have no deferred data,
// and a complete document is what slow connections and no-JavaScript browsers handle best.
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // The page's language's translator, made once per process and shared by its requests (i18n.server.ts).
  const translator = pageTranslatorOf(await pageLanguage(request));
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    // Cleared once the render is done: a pending timer would keep the whole render (its tree and
    // the loader data) alive for ABORT_DELAY after the page was sent.
    let guard: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={translator as unknown as I18n}>
        <NonceProvider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(guard);
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: failed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(guard);
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          console.error(error);
        },
      },
    );
    guard = setTimeout(abort, ABORT_DELAY);
  });
}
