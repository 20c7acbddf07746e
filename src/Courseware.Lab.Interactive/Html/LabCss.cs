namespace Courseware.Lab.Interactive;

/// <summary>
/// One small style sheet for every output. VS Code renders all outputs of a notebook in one webview, so every rule
/// is scoped under .cw. Colours come from VS Code's theme variables where they exist, and otherwise from
/// translucent greys and mid-tone accents that read on light and dark backgrounds alike.
/// Table rules are written <c>.cw table.cw-kv td</c>, not <c>.cw-kv td</c>: Jupyter's own style sheet (nbconvert's
/// HTML, JupyterLab) right-aligns and centres tables with <c>:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td</c>,
/// which outweighs a single class; two classes and two elements outweigh it wherever our cards are shown.
/// </summary>
internal static class LabCss
{
    public const string Style = """
<style>
.cw{font-family:var(--vscode-font-family,system-ui,-apple-system,"Segoe UI",sans-serif);font-size:13px;line-height:1.45;color:inherit;max-width:100%;overflow-x:auto}
.cw-card{border:1px solid rgba(127,127,127,.35);border-radius:6px;padding:8px 12px;margin:4px 0;background:rgba(127,127,127,.06)}
.cw-title{font-weight:600;font-size:14px;margin-bottom:4px}
.cw-muted{opacity:.7}
.cw-badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:11px;font-weight:600;border:1px solid currentColor;margin-left:6px;vertical-align:1px;white-space:nowrap}
.cw-ok{color:var(--vscode-charts-green,#2da44e)}
.cw-warn{color:var(--vscode-charts-orange,#d18616)}
.cw-bad{color:var(--vscode-charts-red,#d1242f)}
.cw-info{color:var(--vscode-charts-blue,#3b82f6)}
.cw table.cw-kv,.cw table.cw-table{border-collapse:collapse;border:none;table-layout:auto;font-size:inherit;color:inherit;margin:2px 0}
.cw table.cw-table{margin:4px 0}
.cw table.cw-kv tr,.cw table.cw-table tr{background:transparent;border:none}
.cw table.cw-kv th{text-align:left;font-weight:600;padding:2px 14px 2px 0;vertical-align:top;white-space:nowrap;opacity:.8;border:none;line-height:inherit}
.cw table.cw-kv td{text-align:left;padding:2px 0;vertical-align:top;border:none;line-height:inherit}
.cw table.cw-table th,.cw table.cw-table td{text-align:left;padding:3px 12px 3px 0;border:none;border-bottom:1px solid rgba(127,127,127,.25);vertical-align:top;line-height:inherit}
.cw table.cw-table th{font-weight:600;font-size:11px;letter-spacing:.03em;white-space:nowrap}
.cw table.cw-table td.cw-num,.cw table.cw-table th.cw-num{text-align:right}
.cw code,.cw-pre{font-family:var(--vscode-editor-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,monospace);font-size:12px}
.cw code{background:rgba(127,127,127,.14);padding:0 4px;border-radius:3px}
.cw-pre{background:rgba(127,127,127,.12);padding:6px 8px;border-radius:4px;overflow:auto;max-height:320px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
.cw-pre.cw-stderr{border-left:3px solid var(--vscode-charts-orange,#d18616)}
.cw-arrow{opacity:.75;padding:0 3px}
.cw details{margin-top:4px}
.cw summary{cursor:pointer;opacity:.85}
.cw-box{border:1px solid;border-left-width:4px;border-radius:4px;padding:8px 12px;margin:4px 0}
.cw-box-ok{border-color:var(--vscode-charts-green,#2da44e);background:rgba(45,164,78,.08)}
.cw-box-warn{border-color:var(--vscode-charts-orange,#d18616);background:rgba(209,134,22,.08)}
.cw-box-bad{border-color:var(--vscode-charts-red,#d1242f);background:rgba(209,36,47,.08)}
.cw-label{font-weight:600;margin-right:4px}
.cw-frame{width:100%;height:240px;border:1px solid rgba(127,127,127,.35);border-radius:4px;background:#fff;margin-top:4px}
.cw-log{max-height:260px}
.cw-plot-target{width:100%}
</style>
""";
}
