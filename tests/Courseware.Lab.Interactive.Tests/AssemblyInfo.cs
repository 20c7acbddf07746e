// The Formatter is process-wide static state, and one test drives a whole kernel: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
