from generator.problems import Problem, Report, Severity


def test_problem_format_names_file_line_field_and_fix():
    text = Problem("strategy/policy.yml", 12, 5, "sections[0].title", "空になっています。", "文字を入れてください。").format()
    assert "strategy/policy.yml 12行目 5列目" in text
    assert "項目: sections[0].title" in text
    assert "内容: 空になっています。" in text and "直し方: 文字を入れてください。" in text


def test_report_orders_by_file_and_line_and_counts():
    report = Report()
    report.add(Problem("b.yml", 3, 1, "x", "m3"))
    report.add(Problem("a.yml", 9, 1, "x", "m2"))
    report.add(Problem("a.yml", 2, 1, "x", "m1", severity=Severity.WARNING))
    assert [p.message for p in report.sorted()] == ["m1", "m2", "m3"]
    assert not report.ok and len(report.errors) == 2 and len(report.warnings) == 1
    text = report.format()
    assert "エラー 2 件、警告 1 件" in text and "サイトは更新されません" in text


def test_report_with_only_warnings_is_ok():
    report = Report([Problem("a.yml", 1, 1, "", "w", severity=Severity.WARNING)])
    assert report.ok


def test_empty_report_says_so():
    assert "問題は見つかりませんでした" in Report().format()


def test_github_annotation_locates_and_escapes():
    problem = Problem("kpis/a.yml", 7, 3, "target.value", "100%, 50%: 違います。\n二行目", "数値にしてください。")
    line = problem.github_annotation()
    assert line.startswith("::error file=kpis/a.yml,line=7,col=3,title=target.value::")
    assert "%0A" in line and "\n" not in line  # one line, however long the message
    assert "100%25, 50%25: 違います。" in line and line.endswith("直し方: 数値にしてください。")


def test_github_annotation_escapes_properties_and_keeps_warnings():
    warning = Problem("a,b:c.yml", None, None, "", "m", severity=Severity.WARNING)
    assert warning.github_annotation() == "::warning file=a%2Cb%3Ac.yml,title=警告::m"


def test_problem_format_shows_the_readable_field_beside_the_raw_path_and_the_code():
    problem = Problem("kpis/a.yml", 16, 12, "actuals[1].value", "数値で書いてください。", "数字だけを書いてください。",
                      code="E-SCHEMA-NUMBER", field_label="2番目の実績（actuals）の『実績値』（value）")
    assert problem.readable_field == "2番目の実績（actuals）の『実績値』（value）"
    assert problem.format().splitlines() == [
        "[エラー] kpis/a.yml 16行目 12列目",
        "  項目: 2番目の実績（actuals）の『実績値』（value）［actuals[1].value］",
        "  内容: 数値で書いてください。",
        "  直し方: 数字だけを書いてください。",
        "  コード: E-SCHEMA-NUMBER",
    ]
    assert Problem("a.yml", 1, 1, "x", "m").readable_field == "x"


def test_github_annotation_keeps_the_raw_path_as_title_and_adds_the_readable_field_and_code():
    problem = Problem("kpis/a.yml", 16, 12, "actuals[1].value", "m", "h", code="E-SCHEMA-NUMBER", field_label="2番目の実績")
    line = problem.github_annotation()
    assert line.startswith("::error file=kpis/a.yml,line=16,col=12,title=actuals[1].value::m")
    assert line.endswith("m%0A直し方: h%0A項目: 2番目の実績%0Aコード: E-SCHEMA-NUMBER")
