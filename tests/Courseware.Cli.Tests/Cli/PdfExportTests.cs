using System.Text.Json;
using Courseware.Cli.Commands;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>`courseware run --format pdf`: the handout fixture printed by headless Chromium and read back with poppler-utils.</summary>
public sealed class PdfExportTests
{
    [PdfFact]
    public async Task The_pdf_holds_the_headings_the_score_on_page_one_a_footer_on_every_page_and_the_links()
    {
        var pdf = new PdfDocument(await HandoutRun.PathOfAsync(".pdf"));
        File.Copy(pdf.Path, Path.Combine(Paths.Artifacts, "handout.pdf"), overwrite: true);

        Assert.InRange(pdf.Pages, 2, 8);
        Assert.Contains("(A4)", pdf.InfoField("Page size"));
        Assert.Equal("A handout to print", pdf.InfoField("Title"));
        foreach (var heading in new[] { "A handout to print", "A long line of code", "A card", "A check", "A chart", "A wide table" })
            Assert.Contains(heading, pdf.FlatText());
        Assert.Contains("Checks: 1/1 passed", pdf.FlatText(1));
        Assert.Contains("✓ Publish on loopback only", pdf.FlatText());
        for (var page = 1; page <= pdf.Pages; page++)
            Assert.Matches($@"A handout to print\s+{page}\s*/\s*{pdf.Pages}\s*$", pdf.Text(page).TrimEnd('\f', '\n', ' '));
        Assert.Contains(HandoutRun.Link, pdf.Urls);
    }

    [PdfFact]
    public async Task No_page_is_blank()
    {
        var pdf = new PdfDocument(await HandoutRun.PathOfAsync(".pdf"));
        for (var page = 1; page <= pdf.Pages; page++)
        {
            var image = pdf.Render(page);
            // More than the footer alone: a page with only "title  n / N" on it is blank to a reader.
            Assert.True(image.InkPixels() > image.Pixels / 100, $"page {page} of {pdf.Pages} is (nearly) blank: {image.InkPixels()} ink pixels of {image.Pixels}");
        }
    }

    [PdfFact]
    public async Task The_chart_is_drawn_not_its_fallback_table()
    {
        var pdf = new PdfDocument(await HandoutRun.PathOfAsync(".pdf"));

        // The title is also in the cell's source, on the page before or the same page: the chart is drawn after it.
        var page = pdf.PagesWith(HandoutRun.ChartTitle).Last();
        var image = pdf.Render(page);
        Assert.True(image.ColouredPixels() > image.Pixels / 50, $"page {page} holds the chart's title but only {image.ColouredPixels()} coloured pixels of {image.Pixels}");
        // plotly draws the axis, not a table of the data; the fallback's note is not there.
        Assert.Contains("bridge host none", pdf.FlatText(page));
        Assert.DoesNotContain("Plotly is not loaded", pdf.FlatText());
    }

    [PdfFact]
    public async Task A_200_character_code_line_wraps_with_a_hanging_indent_on_screen_and_is_whole_on_paper()
    {
        var html = await HandoutRun.PathOfAsync(".html");
        await using var browser = await OfflinePage.OpenAsync(html, width: 1000, height: 900);
        var measured = JsonDocument.Parse(await browser.EvalAsync<string>($$"""
            (() => {
              const token = {{JsonSerializer.Serialize(HandoutRun.LastToken)}};
              const line = [...document.querySelectorAll('.cell.code .input .line')].find(l => l.textContent.includes(token));
              const pre = line.closest('pre');
              const all = document.createRange();
              all.selectNodeContents(line);
              const boxes = [...all.getClientRects()].filter(r => r.width > 0);
              const tops = [...new Set(boxes.map(r => Math.round(r.top)))].sort((a, b) => a - b);
              const text = line.firstChild;
              const at = text.textContent.indexOf(token);
              const last = document.createRange();
              last.setStart(text, at);
              last.setEnd(text, at + token.length);
              const end = last.getBoundingClientRect(), box = pre.getBoundingClientRect();
              const leftOf = top => Math.min(...boxes.filter(r => Math.round(r.top) === top).map(r => r.left));
              return JSON.stringify({
                length: line.textContent.replace('\n', '').length,
                rows: tops.length,
                hidden: pre.scrollWidth - pre.clientWidth,
                endInside: end.width > 0 && end.right <= box.right && end.left >= box.left,
                indent: leftOf(tops[1]) - leftOf(tops[0]),
                pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
              });
            })()
            """)).RootElement;
        await browser.KeepAsync(html, "handout-long-line");

        Assert.Equal(200, measured.GetProperty("length").GetInt32());
        Assert.True(measured.GetProperty("rows").GetInt32() >= 2, $"the line did not wrap: {measured}");
        Assert.Equal(0, measured.GetProperty("hidden").GetInt32());
        Assert.True(measured.GetProperty("endInside").GetBoolean(), $"the line's last token is outside its cell: {measured}");
        Assert.True(measured.GetProperty("indent").GetDouble() > 10, $"no hanging indent: {measured}");
        Assert.True(measured.GetProperty("pageOverflow").GetInt32() <= 0, $"the page scrolls sideways: {measured}");
        Assert.Empty(browser.Problems);

        var pdf = new PdfDocument(await HandoutRun.PathOfAsync(".pdf"));
        Assert.Contains(HandoutRun.LastToken, pdf.FlatText());
        Assert.Contains("var endOfALongLine = string.Join(", pdf.FlatText());
    }

    [ChromiumFact]
    public async Task Wide_output_tables_scroll_on_screen_with_the_bar_in_view()
    {
        var html = await HandoutRun.PathOfAsync(".html");
        await using var browser = await OfflinePage.OpenAsync(html, width: 800, height: 900);
        var measured = JsonDocument.Parse(await browser.EvalAsync<string>("""
            (() => {
              const table = [...document.querySelectorAll('table.cw-table')].find(t => t.textContent.includes('courseware-handout-container-with-a-long-name-1'));
              let box = table.parentElement;
              while (box && !(box.scrollWidth > box.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX))) box = box.parentElement;
              if (!box) return JSON.stringify({ scrolls: false });
              const style = getComputedStyle(box);
              const bar = box.offsetHeight - box.clientHeight - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
              box.scrollLeft = box.scrollWidth;
              const last = table.querySelector('tr:last-child td:last-child').getBoundingClientRect(), view = box.getBoundingClientRect();
              return JSON.stringify({ scrolls: true, bar, endReachable: last.right <= view.right + 1 });
            })()
            """)).RootElement;

        Assert.True(measured.GetProperty("scrolls").GetBoolean(), "the wide table neither fits nor scrolls");
        Assert.True(measured.GetProperty("bar").GetDouble() > 0, $"its scroll bar takes no room, so it is not in view: {measured}");
        Assert.True(measured.GetProperty("endReachable").GetBoolean(), $"scrolled to the end, the last column is still cut: {measured}");
    }

    [ChromiumFact]
    public async Task In_print_no_page_break_falls_inside_a_card_a_table_row_a_chart_or_a_code_cell_and_code_wraps()
    {
        var html = await HandoutRun.PathOfAsync(".html");
        await using var browser = await OfflinePage.OpenAsync(html);
        await browser.Tab.EmulateMediaTypeAsync(PuppeteerSharp.Media.MediaType.Print);
        var styles = JsonDocument.Parse(await browser.EvalAsync<string>("""
            JSON.stringify(Object.fromEntries(['.cw-card', '.cw-box', '.output table tr', '.output.plotly', '.cell.code .input', '.output pre', '.output .cw-table td']
              .map(s => [s, (el => el ? getComputedStyle(el).breakInside + ' ' + getComputedStyle(el).whiteSpace : 'missing')(document.querySelector(s))])))
            """)).RootElement;

        foreach (var selector in new[] { ".cw-card", ".cw-box", ".output table tr", ".output.plotly", ".cell.code .input" })
            Assert.StartsWith("avoid ", styles.GetProperty(selector).GetString());
        Assert.EndsWith(" pre-wrap", styles.GetProperty(".output pre").GetString());
        Assert.EndsWith(" normal", styles.GetProperty(".output .cw-table td").GetString());
    }

    [PdfFact]
    public async Task Letter_paper_and_a_pdf_alone_leave_only_the_pdf()
    {
        var output = Paths.NewOutputDirectory("letter");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture(HandoutRun.Notebook), "--output", output, "--format", "pdf", "--paper", "letter"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.Equal(["handout.pdf"], Directory.GetFiles(output).Select(Path.GetFileName));
        var pdf = new PdfDocument(Path.Combine(output, "handout.pdf"));
        Assert.Contains("(letter)", pdf.InfoField("Page size"));
        Assert.Contains("Checks: 1/1 passed", pdf.FlatText(1));
    }

    [PdfFact]
    public async Task The_book_prints_every_notebook_in_order_after_a_table_of_contents()
    {
        var output = Paths.NewOutputDirectory("book");
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture(HandoutRun.Notebook), Paths.Fixture("values.ipynb"), "--output", output, "--format", "pdf", "--book"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Course book (2 notebooks): {Path.Combine(output, "course-book.pdf")}", run.Output);

        var book = new PdfDocument(Path.Combine(output, "course-book.pdf"));
        File.Copy(book.Path, Path.Combine(Paths.Artifacts, "course-book.pdf"), overwrite: true);
        Assert.Equal("Course book", book.InfoField("Title"));
        Assert.Matches(@"Course book Contents # lesson what you will be able to do time result 1 A handout to print .*2 Values and parameters", book.FlatText(1));
        // Each notebook starts a page of its own, the first after the contents, the second after the first's pages.
        var first = book.Destinations["notebook-1"];
        var second = book.Destinations["notebook-2"];
        Assert.Equal(2, first);
        Assert.Equal(first + new PdfDocument(Path.Combine(output, "handout.pdf")).Pages, second);
        Assert.StartsWith("Checks: 1/1 passed check verified, or the hint ✓ Publish on loopback only published on 127.0.0.1 only A handout to print",
            book.FlatText(first).Trim());
        Assert.StartsWith("Values and parameters", book.FlatText(second).Trim());
    }

    [Fact]
    public async Task Without_chromium_the_error_names_the_fix_and_the_other_formats_are_written()
    {
        var output = Paths.NewOutputDirectory("no-chromium");
        var run = await CoursewareProcess.RunAsync(
            ["run", Paths.Fixture("values.ipynb"), "--output", output, "--format", "ipynb,html,pdf"],
            new Dictionary<string, string?> { ["COURSEWARE_CHROMIUM"] = "/nonexistent/chromium" });

        Assert.True(run.ExitCode == RunCommand.ExitNoPdf, run.ToString());
        Assert.Equal(["values.html", "values.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        const string message = "courseware run: no PDF can be made: COURSEWARE_CHROMIUM=/nonexistent/chromium: no such file. " +
                               "Install it (Debian/Ubuntu: sudo apt-get install chromium), or point --browser or COURSEWARE_CHROMIUM at a Chromium or Chrome executable. " +
                               "The other formats are written.";
        // Said before the run, where a teacher can stop it, and again after it, where the summary is read.
        Assert.Equal(2, run.Error.Split('\n').Count(l => l.TrimEnd('\r') == message));
        Assert.Contains("✓ values.ipynb succeeded", run.Output);
        Assert.Contains("; no PDF: COURSEWARE_CHROMIUM=/nonexistent/chromium: no such file.", run.Output);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task With_pdf_optional_and_no_chromium_the_run_succeeds_without_pdfs_and_says_why()
    {
        var output = Paths.NewOutputDirectory("pdf-optional");
        var run = await CoursewareProcess.RunAsync(
            ["run", Paths.Fixture("values.ipynb"), "--output", output, "--format", "ipynb,html,pdf", "--pdf-optional"],
            new Dictionary<string, string?> { ["COURSEWARE_CHROMIUM"] = "/nonexistent/chromium" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["values.html", "values.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Contains("courseware run: no PDFs this time (--pdf-optional): COURSEWARE_CHROMIUM=/nonexistent/chromium: no such file. " +
                        "Install it (Debian/Ubuntu: sudo apt-get install chromium)", run.Error);
        Assert.DoesNotContain("no PDF", run.Output);
    }

    [Fact]
    public async Task Pdf_optional_without_pdf_in_the_formats_is_a_usage_error()
    {
        var run = await CoursewareProcess.RunAsync(["run", Paths.Fixture("values.ipynb"), "--output", Paths.NewOutputDirectory("pdf-optional-usage"), "--pdf-optional"]);

        Assert.True(run.ExitCode == RunCommand.ExitUsage, run.ToString());
        Assert.Contains("--pdf-optional is about PDFs: add pdf to --format", run.Error);
    }
}
