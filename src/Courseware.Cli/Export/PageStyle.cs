namespace Courseware.Cli.Export;

/// <summary>
/// The exported page's style sheet, for the screen and for print (the PDF is the page printed). On screen a long code
/// line wraps at the cell's width with a hanging indent, and wide outputs scroll with their bar in view; in print
/// everything wraps or shrinks to the paper, and nothing a reader needs whole (a card, a table row, a chart, a code
/// cell shorter than a page) is split by a page break. Scroll bars are styled so that browsers draw them as bars that
/// take room and stay in view, not as overlays that appear only while scrolling.
/// </summary>
public static class PageStyle
{
    /// <summary>Columns a tab stands for, in the page and in the hanging indent.</summary>
    public const int TabSize = 4;

    public static readonly string Css = $$"""
        :root { color-scheme: light; --border: #d0d7de; --muted: #57606a; --code-bg: #f6f8fa; --error: #cf222e; --expected: #0969da; }
        body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
        main.notebook { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
        .cell { margin: 14px 0; }
        .cell.markdown h1, .cell.markdown h2 { border-bottom: 1px solid var(--border); padding-bottom: .25em; }
        .cell.code .input { display: grid; grid-template-columns: 3.5em minmax(0, 1fr); align-items: start; }
        .cell.code .prompt { color: var(--muted); font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding-top: 10px; }
        .cell.code .tag { grid-column: 2; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .cell.code pre { grid-column: 2; margin: 0; }
        pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto;
              font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; tab-size: {{TabSize}}; }
        .cell.code .input pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        .cell.code .input .line { display: block; padding-left: calc((var(--indent, 0) + 4) * 1ch); text-indent: calc((var(--indent, 0) + 4) * -1ch); }
        .outputs { margin: 6px 0 0 3.5em; }
        .output { margin: 6px 0; overflow-x: auto; }
        pre.output { background: #fff; }
        pre.stream.stderr { background: #fff8c5; }
        .output.error { border: 1px solid var(--error); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; background: #ffebe9; }
        .output.error .ename { color: var(--error); font-weight: 600; }
        .output.error pre { background: transparent; border: none; padding: 4px 0 0; color: #6e2b2b; }
        .cell.expected-error .output.error { border-color: var(--expected); background: #ddf4ff; }
        .cell.expected-error .output.error .ename { color: var(--expected); }
        .cell.failed .input pre { border-color: var(--error); }
        .cell.injected-parameters .input pre { border-style: dashed; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
        th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: var(--code-bg); }
        img { max-width: 100%; }
        .plotly-figure { width: 100%; min-height: 420px; }
        .score { border: 1px solid var(--border); border-radius: 6px; padding: 4px 16px 8px; margin-bottom: 24px; }
        .score h2 { margin: 8px 0; font-size: 18px; }
        .score.all-passed h2 { color: #1a7f37; }
        .score.not-all-passed h2 { color: var(--error); }
        .score tr.passed td:first-child { color: #1a7f37; }
        .score tr.failed td:first-child { color: var(--error); }
        ::-webkit-scrollbar { width: 10px; height: 10px; }
        ::-webkit-scrollbar-track { background: var(--code-bg); }
        ::-webkit-scrollbar-thumb { background: #afb8c1; border-radius: 5px; }
        .course-index td:nth-child(4), .course-index td:nth-child(5) { white-space: nowrap; }
        .course-index td.passed { color: #1a7f37; }
        .course-index td.failed { color: var(--error); }
        .course-index .needs { color: var(--muted); font-size: 13px; }
        .book-notebook { border-top: 1px solid var(--border); margin-top: 48px; }
        blockquote { margin: 0; padding: 0 1em; color: var(--muted); border-left: .25em solid var(--border); }
        @media print {
          body { font-size: 11pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          main.notebook { max-width: none; margin: 0; padding: 0; }
          .cell { margin: 8px 0; }
          .outputs { margin-left: 2.5em; }
          .cell.code .input { grid-template-columns: 2.5em minmax(0, 1fr); }
          pre, .cw-pre { white-space: pre-wrap !important; overflow-wrap: anywhere; overflow: visible !important; max-height: none !important; font-size: 9pt; }
          .output, .cw { overflow: visible !important; }
          table { max-width: 100%; font-size: 9pt; }
          table, table *:not(pre, pre *) { white-space: normal !important; overflow-wrap: anywhere; }
          th, th * { overflow-wrap: normal !important; }
          .modebar-container { display: none; }
          h1, h2, h3, h4 { break-after: avoid; }
          .book-notebook { break-before: page; border-top: none; margin-top: 0; }
          .cell.code .input, .output.plotly, .output.image, .cw-card, .cw-box, .score h2, tr, img, figure { break-inside: avoid; }
        }
        """;
}
