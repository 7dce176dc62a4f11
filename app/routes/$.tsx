// Any address no route claims: the root error boundary draws the "Page not found" page.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
