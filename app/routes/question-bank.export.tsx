import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { exportGift } from "~/modules/quizzes/question-bank.server";

/**
 * The office's bank (or ?category= and its sub-categories) as a UTF-8 GIFT download; importing
 * the file back changes nothing.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "questionBank.manage");
  const category = new URL(args.request.url).searchParams.get("category")?.trim().slice(0, 200) || undefined;
  const gift = await exportGift(args.context.db, user.officeId, { category });
  const date = new Date().toISOString().slice(0, 10);
  // A comment block at the top is skipped by GIFT importers (Moodle's too).
  const header = `// ${user.officeName} 題庫匯出${category ? `：${category}` : ""}（${date}）\n// 匯入時依 [id:…] 更新同一題；內容未變更者不會產生新版本。\n\n`;
  const filename = `題庫-${(category ?? user.officeName).replace(/[\\/:*?"<>|\s]+/g, "_")}-${date}.gift`;
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return new Response(header + gift, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
