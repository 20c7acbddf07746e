namespace Courseware.Lab;

/// <summary>
/// What the student version of an exercise cell throws where the solution was: <c>courseware student</c> replaces each
/// <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> region with <c>// YOUR CODE HERE</c> and a line that throws this,
/// so running the cell unchanged fails with what to do instead of doing nothing.
/// </summary>
public sealed class ExerciseNotDoneException()
    : LabException(
        "This exercise is waiting for your code.",
        "Replace '// YOUR CODE HERE' and the line below it with your code (the cell's first comment shows the docker command to write), run the cell, then run the check cell below it.")
{
    public override string Title => "Your turn";
}
