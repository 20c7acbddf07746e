namespace Courseware.Lab.Interactive;

/// <summary>The CREATED column of <c>docker ps</c>: the docker CLI's human duration ("5 seconds ago", "About a minute ago").</summary>
internal static class RelativeTime
{
    public static string Ago(DateTimeOffset time) => Ago(time, DateTimeOffset.UtcNow);

    public static string Ago(DateTimeOffset time, DateTimeOffset now) => Describe(now - time) + " ago";

    /// <summary>The same thresholds as go-units HumanDuration, which docker ps uses, so the table matches the terminal.</summary>
    public static string Describe(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)(d.TotalHours / 24 / 365)} years";
    }
}
