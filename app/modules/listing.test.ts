import { describe, expect, it } from "vitest";
import { likePattern, parseListParams, toCsv } from "./listing";

const SORTS = ["employeeNo", "name", "office"] as const;
const parse = (query: string) =>
  parseListParams(new URL(`http://localhost/admin/users${query}`), {
    sortable: SORTS,
    defaultSort: "employeeNo",
    filters: ["office", "role"],
  });

describe("parseListParams: the table state a bookmarked URL restores", () => {
  it("falls back to the first page of 20 rows, sorted by the default column ascending", () => {
    expect(parse("")).toEqual({ q: "", sort: "employeeNo", dir: "asc", page: 1, pageSize: 20, filters: {} });
  });

  it("reads search, sort, direction, page, page size and column filters", () => {
    expect(parse("?q=%20陳%20&sort=name&dir=desc&page=3&size=50&f.office=2&f.role=admin")).toEqual({
      q: "陳",
      sort: "name",
      dir: "desc",
      page: 3,
      pageSize: 50,
      filters: { office: "2", role: "admin" },
    });
  });

  it("ignores a sort column that is not offered (no sorting by arbitrary SQL)", () => {
    expect(parse("?sort=password_hash").sort).toBe("employeeNo");
    expect(parse("?sort=name;drop%20table%20users").sort).toBe("employeeNo");
  });

  it("ignores an unknown direction and uses the configured default", () => {
    expect(parse("?dir=sideways").dir).toBe("asc");
    const newestFirst = parseListParams(new URL("http://localhost/x?dir=up"), { sortable: SORTS, defaultSort: "name", defaultDir: "desc" });
    expect(newestFirst.dir).toBe("desc");
  });

  it("only allows the offered page sizes, so nobody can ask for a million rows", () => {
    expect(parse("?size=100").pageSize).toBe(100);
    expect(parse("?size=1000000").pageSize).toBe(20);
    expect(parse("?size=abc").pageSize).toBe(20);
  });

  it("turns a missing, negative, fractional or garbage page into a whole page number from 1", () => {
    expect(parse("?page=0").page).toBe(1);
    expect(parse("?page=-4").page).toBe(1);
    expect(parse("?page=2.7").page).toBe(2);
    expect(parse("?page=abc").page).toBe(1);
  });

  it("keeps only the declared filters, trims them, drops empty ones and caps their length", () => {
    const p = parse(`?f.office=%20%20&f.role=${"x".repeat(150)}&f.passwordHash=1`);
    expect(p.filters).toEqual({ role: "x".repeat(100) });
  });

  it("caps the search text at 100 characters", () => {
    expect(parse(`?q=${"查".repeat(150)}`).q).toHaveLength(100);
  });
});

describe("likePattern", () => {
  it("matches the text anywhere", () => {
    expect(likePattern("府北")).toBe("%府北%");
  });

  it("searches for a typed % or _ literally instead of as a wildcard", () => {
    expect(likePattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});

describe("toCsv: exports Excel opens correctly", () => {
  it("starts with a BOM and ends every row with CRLF", () => {
    const csv = toCsv(["員工編號", "姓名"], [["FB001", "陳怡君"]]);
    expect(csv).toBe("\uFEFF員工編號,姓名\r\nFB001,陳怡君\r\n");
  });

  it("quotes cells with commas, quotes or line breaks", () => {
    const csv = toCsv(["a"], [["x,y"], ['say "hi"'], ["two\nlines"]]);
    expect(csv.split("\r\n").slice(1, 4)).toEqual(['"x,y"', '"say ""hi"""', '"two\nlines"']);
  });

  it("writes empty cells for null and undefined, and numbers and booleans as text", () => {
    expect(toCsv(["a", "b", "c", "d"], [[null, undefined, 3, false]])).toBe("\uFEFFa,b,c,d\r\n,,3,false\r\n");
  });

  it("defuses cells that a spreadsheet would run as a formula (CSV injection)", () => {
    const csv = toCsv(["v"], [["=HYPERLINK(\"http://evil\")"], ["+1"], ["-2"], ["@SUM(A1)"], ["\tx"], ["a=b"]]);
    const cells = csv.replace("\uFEFF", "").split("\r\n").slice(1, 7);
    expect(cells).toEqual(['"\'=HYPERLINK(""http://evil"")"', "'+1", "'-2", "'@SUM(A1)", "'\tx", "a=b"]);
  });
});
