namespace Courseware.Lab.Tests.Engine;

/// <summary>docker inspect re-indents the engine's bytes with Go's json.Indent; the library must print the same text.</summary>
public sealed class RawJsonIndentTests
{
    [Fact]
    public void Indents_like_go_json_indent_keeping_tokens_as_sent()
    {
        const string engine = "{\"Id\":\"ab\",\"Empty\":[],\"Obj\":{},\"List\":[1,2.50,null],\"Esc\":\"a\\\"b\\u003cc\\\\\",\"Nested\":{\"K\":true}}";
        const string expected = """
            [
                {
                    "Id": "ab",
                    "Empty": [],
                    "Obj": {},
                    "List": [
                        1,
                        2.50,
                        null
                    ],
                    "Esc": "a\"b\u003cc\\",
                    "Nested": {
                        "K": true
                    }
                }
            ]
            """;
        Assert.Equal(expected, RawEngineApi.AsCliInspect(engine));
    }

    [Fact]
    public void Whitespace_inside_strings_is_kept_and_outside_is_dropped()
    {
        Assert.Equal("{\n    \"a b\": \" x , y \"\n}", RawEngineApi.Indent("{ \"a b\" :  \" x , y \" }"));
    }
}
