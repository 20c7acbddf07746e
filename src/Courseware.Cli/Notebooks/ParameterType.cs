namespace Courseware.Cli.Notebooks;

public enum ParameterType { Int, Long, Double, String, Bool }
