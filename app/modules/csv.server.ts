/** A CSV download; the filename is ASCII-safe with the zh-TW name in filename* (RFC 6266). */
export function csvResponse(filename: string, csv: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}

export function wantsCsv(url: URL): boolean {
  return url.searchParams.get("format") === "csv";
}
