import * as picture from "../../app/routes/admin.statecharts.$machine";
import { load } from "./http";

/** The SVG a page's statechart picture shows, fetched from its address as the browser would. */
export async function pictureAt(src: string, cookie: string): Promise<string> {
  const machine = new URL(src, "http://localhost").pathname.split("/").pop()!;
  const response = (await load(picture, src, { cookie, params: { machine } })) as Response;
  if (response.status !== 200) throw new Error(`the picture at ${src} answered ${response.status}`);
  return response.text();
}
