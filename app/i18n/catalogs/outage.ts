import { defineMessages } from "./define";

// The database briefly unavailable (issue 11, faults: PostgreSQL restarting while the portal runs).
// Shown with status 503 by the error boundaries; the portal reconnects by itself.
export const outageMessages = defineMessages({
  "outage.title": ["系統暫時無法使用", "The system is briefly unavailable"],
  "outage.message": [
    "資料庫暫時無法連線，可能正在維護或重新啟動，通常一兩分鐘內就會恢復，請稍候再試一次。剛才送出的資料若沒有看到完成或已儲存的訊息，請在恢復後再送出一次。",
    "The database cannot be reached right now; it may be under maintenance or restarting and is usually back within a minute or two. Please try again shortly. If what you just sent did not show a saved or done message, send it again once the system is back.",
  ],
  "outage.retry": ["再試一次", "Try again"],
});
