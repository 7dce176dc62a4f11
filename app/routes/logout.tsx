import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "../auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  throw redirect("/login?notice=signed-out", { headers: { "Set-Cookie": await endSession(request) } });
}

// Signing out is a POST (a link could be triggered by another site); a visit just goes home.
export function loader() {
  throw redirect("/");
}
