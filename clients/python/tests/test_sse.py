from octoplane.sse import SseEvent, SseParser


def events(text):
    return list(SseParser().feed(text.splitlines(keepends=True)))


def test_blank_line_dispatches_typed_event():
    assert events("event: node\ndata: {\"a\":1}\n\n") == [SseEvent("node", '{"a":1}')]


def test_data_lines_are_joined_with_newlines():
    assert events("data: one\ndata: two\n\n") == [SseEvent("message", "one\ntwo")]


def test_comments_are_keep_alives_and_dispatch_nothing():
    assert events(":keep-alive\n\n: another\n\n") == []
    assert SseParser.is_comment(":keep-alive")


def test_only_one_space_after_the_colon_is_dropped():
    assert events("data:  two spaces\ndata:none\n\n") == [SseEvent("message", " two spaces\nnone")]


def test_event_without_data_is_not_dispatched_and_type_resets():
    assert events("event: node\n\ndata: x\n\n") == [SseEvent("message", "x")]


def test_crlf_line_endings_and_byte_order_mark_are_accepted():
    assert events("\ufeffevent: done\r\ndata: {}\r\n\r\n") == [SseEvent("done", "{}")]


def test_id_retry_and_unknown_fields_are_ignored():
    assert events("id: 7\nretry: 100\nfoo: bar\ndata: d\n\n") == [SseEvent("message", "d")]


def test_field_without_colon_is_a_field_with_empty_value():
    assert events("data\n\n") == [SseEvent("message", "")]


def test_unterminated_event_is_not_dispatched():
    assert events("event: node\ndata: x\n") == []
