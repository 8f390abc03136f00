package a2.grade;

/** What every page shares: one inline style sheet (no external resources: the pages work offline). */
final class Html {
    private Html() {}

    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f0f0f0}
            th.sortable{cursor:pointer}
            th.sorted-asc::after{content:" \\25B2"}
            th.sorted-desc::after{content:" \\25BC"}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.benchmark td{background:#fff8dc;font-style:italic}
            .st{font-weight:600;padding:.1em .4em;border-radius:3px}
            .MATCH{background:#c8f0c8}.NEAR_TIES_ONLY{background:#e0f5c0}.DIFFER{background:#ffd0c8}
            .INVALID_SUBMISSION,.MISSING_SUBMISSION{background:#ffe0a0}
            .MODEL_UNAVAILABLE,.CHECKSUM_MISMATCH,.WRONG_DATASET{background:#f8d0f0}
            .TIMEOUT,.OUT_OF_MEMORY,.CRASHED{background:#d8d8d8}
            .flag{color:#a00}
            pre{background:#f7f7f7;padding:.5em;overflow-x:auto}
            """;

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Format.html(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    static String status(Status s) {
        return "<span class=\"st " + s.name() + "\">" + s.name() + "</span>";
    }
}
