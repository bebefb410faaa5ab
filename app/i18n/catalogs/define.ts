/**
 * A module's messages as [zh-TW, English] pairs, kept in one file per area so modules do not
 * edit a shared catalog (and both languages are always written together).
 */
export function defineMessages<const T extends Record<string, readonly [zhTW: string, en: string]>>(messages: T): T {
  return messages;
}
