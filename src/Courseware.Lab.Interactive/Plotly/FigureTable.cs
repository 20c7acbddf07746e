namespace Courseware.Lab.Interactive;

/// <summary>The data of a chart as a plain table: what the HTML output shows where Plotly cannot draw.</summary>
public sealed record FigureTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
