import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n/i18n";
import { safeRedirect } from "~/modules/auth/auth.schema";

// Public: the language can be chosen before signing in. Only a preference cookie is written.
export async function loader(_: LoaderFunctionArgs) {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  const to = safeRedirect(String(form.get("redirectTo") ?? "/"));
  if (!isLanguage(language)) throw redirect(to);
  const secure = process.env.INSECURE_COOKIES !== "1" ? "; Secure" : "";
  throw redirect(to, {
    headers: { "Set-Cookie": `lang=${encodeURIComponent(language)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}` },
  });
}
