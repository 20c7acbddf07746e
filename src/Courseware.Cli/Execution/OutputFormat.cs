namespace Courseware.Cli.Execution;

public enum OutputFormat { Ipynb, Html, Pdf }
