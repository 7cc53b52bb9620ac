"""The message catalog: every kind of problem the generator reports, by its stable code.

Like frictionless' error types, each kind of problem has a code that never changes
(E- an error, W- a warning), a title, when it happens, how to fix it and an example.
Every `Problem` and `Finding` names its code; the catalog is the one table of them,
printed on the planners' page 「エラーの一覧」 (reference/messages.md), and a test
triggers every code on a copy of the fixture project. The message of one problem
says the specifics (which id, which year); the catalog says what the kind means.
A problem without a hint of its own gets the catalog's fix as its 直し方.

Codes are stable: rename one only with care (CI logs, planners' notes and tests use them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageKind:
    """One kind of problem: what a planner reads about it on the messages page."""

    title: str  # short, a planner's words
    description: str  # when it happens
    fix: str  # how to fix it (the 直し方 of a problem that has none of its own)
    example: str  # a piece of data that causes it, as a planner would write it
    where: str = ""  # the file the example belongs to


def is_warning(code: str) -> bool:
    """W- codes are warnings (the site is still built), E- codes errors."""
    return code.startswith("W-")


_K = MessageKind
_KPI = "kpis/<id>.yml"

CATALOG: dict[str, MessageKind] = {
    # --- Files -------------------------------------------------------------------------------------
    "E-FILE-MISSING": _K("必要なファイルがない", "必ず要るデータのファイルが見つかりません。",
                         "ファイルを元に戻すか、名前（拡張子 .yml、大文字・小文字）を確かめてください。",
                         "strategy/strategy.yml を消した、または strategy.yaml に名前を変えた"),
    "E-FILE-UNKNOWN": _K("使われないファイル", "データのフォルダーに、どのデータにも使われない YAML ファイルがあります。",
                         "ファイル名を確かめてください。使わないファイルなら消します。", "strategy/strategy-old.yml を置いた"),
    "E-FILE-ENCODING": _K("文字コードが UTF-8 でない", "ファイルが UTF-8 以外（Shift_JIS や UTF-16）で保存されています。",
                          "エディターで文字コードを「UTF-8」にして保存し直してください。",
                          "メモ帳で「ANSI」や「Unicode」を選んで保存した"),
    "E-FILE-TOO-LARGE": _K("ファイルが大きすぎる", "データのファイルとしては大きすぎます（5MB まで）。",
                           "データのファイルか確かめてください。大きな表は CSV に分けます。", "PDF を kpis/ に置いた"),
    "E-FILE-UNREADABLE": _K("ファイルを開けない", "ファイルを開けません（フォルダーになっている、読む権限がないなど）。",
                            "ファイル名と場所を確かめてください。", "kpis/kpi-1.yml という名前のフォルダーを作った"),
    "E-FILE-EMPTY": _K("ファイルが空", "ファイルに中身がありません。", "中身を書いてから保存してください。",
                       "（何も書かれていないファイル）", "strategy/glossary.yml"),
    "W-FILE-TABLE-UNUSED": _K("使われない人口の表", "population/vision.yml がないため、人口の CSV の表が使われません。",
                              "人口ビジョンを載せるなら population/vision.yml を置き、載せないなら表を消してください。",
                              "population/vision.yml を消して census.csv を残した"),
    # --- YAML ----------------------------------------------------------------------------------------
    "E-YAML-SYNTAX": _K("YAML の書き方の誤り", "字下げ・引用符・「: 」などが崩れていて、ファイルを読めません。",
                        "示された行とその前の行の字下げ・引用符・「: 」を確かめてください。", 'name: "第２期総合戦略', _KPI),
    "E-YAML-TAB": _K("字下げにタブ", "行頭の字下げにタブ文字が使われています（YAML では使えません）。",
                     "タブを半角スペースに置き換えてください（1段につき2つ）。", "（行頭にタブ）value: 72.5", _KPI),
    "E-YAML-FULL-WIDTH": _K("全角の空白・コロン", "字下げや「項目名: 値」の区切りに全角の空白・コロンが使われています。",
                            "全角の空白を半角スペースに、「：」を半角の「: 」に直してください。", "unit：人", _KPI),
    "E-YAML-TOO-DEEP": _K("入れ子が深すぎる", "字下げや括弧の入れ子が深すぎて読めません。", "字下げや括弧の数を確かめてください。",
                          "value: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", _KPI),
    "E-YAML-ALIAS": _K("別名（& と *）", "「&名前」と「*名前」で値を使い回す書き方は使えません。",
                       "「&名前」と「*名前」を消し、値をそのまま書いてください。", "target: *baseline", _KPI),
    "E-YAML-TAG": _K("YAML のタグ", "「!」で始まるタグは使えません。", "「!」で始まるタグを消し、値だけを書いてください。",
                     "value: !!float 72.5", _KPI),
    "E-YAML-KEY": _K("項目名の書き方", "項目名（キー）に一覧を使った、前後に全角スペースがある、マージキー「<<」を使った、のどれかです。",
                     "「項目名: 値」の形で、項目名の前後に空白を入れずに書いてください。", "unit　: 人", _KPI),
    "E-YAML-KEY-DUPLICATE": _K("同じ項目名が2回", "同じ場所に同じ項目名が2回書かれています。後の値で前の値が黙って上書きされるため、エラーにしています。",
                               "どちらか一方を消すか、項目名の書き間違いを直してください。", "unit: 人\nunit: 件", _KPI),
    "E-YAML-BOOL-WORD": _K("yes・no・on・off", "古い YAML の規則では真偽値と読まれる言葉（yes・no・on・off など）が、引用符なしで書かれています。",
                           "文字なら \"no\" のように引用符で囲み、真偽値なら true か false と書いてください。"
                           "決まった言葉から選ぶ項目なら、その言葉を書きます。",
                           "definition: no", _KPI),
    "E-YAML-LEADING-ZERO": _K("0で始まる数", "010 のように0で始まる数は、古い YAML の規則では8進数と読まれ、値が変わります。",
                              "数なら先頭の0を消し、番号などの文字なら \"010\" のように引用符で囲んでください。", "document_label: 01",
                              "strategy/policy.yml"),
    "W-YAML-FLOW-LIST": _K("1行の一覧 [ … ] に文", "[ ] で1行に書いた一覧に文が2つ以上あります。半角カンマ「,」はそこで区切りになるため、"
                           "名前の中に「,」を書くと、1つの名前が黙って2つに分かれます。",
                           "1行に1つずつ「- 」で始めて書いてください（名前の中のカンマは全角の「，」か読点「、」にします）。",
                           "projects: [創業支援事業, 事業承継相談]", "strategy/strategy.yml"),
    "E-YAML-COMMA-SPLIT": _K("カンマで名前が分かれた", "[ ] の一覧の中の半角カンマ「,」で、括弧の途中の名前が2つに分かれています。",
                             "1行に1つずつ「- 」で始めて書くか、名前の中のカンマを全角の「，」か読点「、」にしてください。",
                             "projects: [創業支援事業（相談, 講座）]", "strategy/strategy.yml"),
    "E-YAML-COMMA-NUMBER": _K("桁区切りのカンマで数が分かれた", "{ } や [ ] の中では半角カンマ「,」が区切りになるため、"
                              "4,550 のような桁区切りで数が2つに分かれています（「550人」という項目やもう1つの値になります）。",
                              "数は桁区切りのカンマなしで 4550 と書いてください。単位付きの文なら全体を \"4,550人\" のように引用符で囲みます。",
                              "baseline: {value: 4,550, year: 2020}", _KPI),
    "W-TEXT-BRACKET": _K("括弧の閉じ忘れ・全角半角の混在", "値の中の括弧（「」『』（）など）が閉じていないか、全角と半角の括弧が組になっています。",
                         "括弧の組を確かめてください（「（」は「）」で、「(」は「)」で閉じます）。", "name: 市内事業所の従業者数（人", _KPI),
    "E-JSON-SYNTAX": _K("JSON の書き方の誤り", "生成器が書いた記録（strategy/reviews/<年度>.json など）が JSON として読めません。",
                        "このファイルは生成器が書きます。手で直した箇所を元に戻すか、git で前の版に戻してください。",
                        '{"fiscal_year": 2023,}', "strategy/reviews/<年度>.json"),
    # --- CSV -------------------------------------------------------------------------------------------
    "E-CSV-SYNTAX": _K("CSV の書き方の誤り", "CSV として読めません（引用符の閉じ忘れで1つのセルが長くなりすぎたなど）。",
                       "引用符（\"）の閉じ忘れがないか確かめてください。", '2020,"見本', "population/census.csv"),
    "E-CSV-COLUMN-UNKNOWN": _K("知らない列名", "1行目に、この表では使えない列名があります。", "1行目の列名を、使える列名に直してください。",
                               "year,totl,male", "population/census.csv"),
    "E-CSV-COLUMN-MISSING": _K("必須の列がない", "必ず要る列が1行目にありません。", "1行目に列名を追加してください。",
                               "year,male,female（total がない）", "population/census.csv"),
    "E-CSV-COLUMN-DUPLICATE": _K("同じ列が2つ", "1行目に同じ列が2回あります（日本語の列名と英語の列名は同じ列です）。", "どちらか一方の列を消してください。",
                                 "year,total,年,…", "population/census.csv"),
    "W-MATERIAL-NO-TEXT": _K("文字で読める場所のない PDF", "PDF の資料に、内容を文字で読める場所（text_alternative）が書かれていません。",
                             "text_alternative に、同じ内容を読めるページや版か、問い合わせ先を書いてください。",
                             "file: council/2025-1.pdf（text_alternative なし）", "strategy/materials.yml"),
    "W-CSV-OLD-WORD": _K("前の版の言葉", "CSV の状態（status）に前の版の言葉（確認済）が書かれています。今の言葉（確定）として読みます。",
                         "今の言葉に書き換えてください（確認済 → 確定）。", "2020,141083,…,確認済,国勢調査", "population/census.csv"),
    "E-CSV-COLUMN-COUNT": _K("列の数が違う行", "列の数が1行目と違う行があります（数の桁区切りのカンマや、文の中のカンマが原因のことが多い）。",
                             "数の桁区切りのカンマを消し（1234）、文の中のカンマなら値全体を \"…\" で囲んでください。",
                             "2020,141,083,,,,,,確定,国勢調査", "population/census.csv"),
    # --- The update workbook (python -m generator import-xlsx) ------------------------------------------------
    "E-XLSX-UNREADABLE": _K("表を読めない", "読み込む表が Excel のブック（.xlsx）として読めないか、開けないか、大きすぎます。",
                            "export-xlsx で書き出した表を、Excel の「名前を付けて保存」で「Excel ブック」として保存してから読み込んでください。",
                            "更新用.xlsx を「CSV」で保存した", "build/更新用.xlsx"),
    "E-XLSX-LAYOUT": _K("表の形が書き出したときと違う", "シートや列を消した・名前を変えた・入れ替えた、指標の行を消した、指標ID を変えた、のどれかです。",
                        "export-xlsx で書き出し直した表に入力し直してください。", "シート『人口動態』を消した", "build/更新用.xlsx"),
    "E-XLSX-CELL": _K("セルの値が正しくない",
                      "実績が数値でない、状態がないか選べない言葉、確定・速報の実績に出典がない、実績がないのに状態・出典だけある、のどれかです。",
                      "示されたセルを直してください（実績は半角の数字、状態はリストから選び、確定・速報には出典の資料名を書きます）。",
                      "2024（令和6）実績 に「1,234人」と書いた", "build/更新用.xlsx"),
    "E-XLSX-LOCKED": _K("変えられない列を変えた", "指標ID・指標名・基準値・目標値など、指標の定義の列（灰色）が書き出したときと違います。",
                        "元の値に戻してください。指標の定義は kpis/<id>.yml で直します。", "指標名 の欄を書き換えた", "build/更新用.xlsx"),
    "E-XLSX-CONFLICT": _K("書き出した後にファイルも変わった", "表で書き換えた指標や人口の表が、書き出した後に YAML・CSV のファイルでも変わっています。"
                          "表の値で上書きしないよう、読み込みを止めます。",
                          "export-xlsx で書き出し直した表に入力し直してください。", "書き出した後に census.csv を直し、表でも国勢調査の人口を直した",
                          "build/更新用.xlsx"),
    "W-XLSX-SHEET-IGNORED": _K("読み込まないシート", "書き出したときになかったシートがあります。このシートの値はデータに入りません。",
                               "データに入れる値は、書き出したシート（指標・人口の表）に書いてください。", "シート『メモ』を足した", "build/更新用.xlsx"),
    # --- Values and fields (the models) ----------------------------------------------------------------
    "E-SCHEMA-MISSING": _K("必須の項目がない", "必ず書く項目がありません。", "項目を書き足してください（書ける値はデータ項目の説明にあります）。",
                           "（unit や better の行がない）", _KPI),
    "E-SCHEMA-UNKNOWN-FIELD": _K("知らない項目名", "この場所にない項目名です。書き間違いのことが多く、そのままでは黙って無視されるため、エラーにしています。",
                                 "項目名の書き間違いを直してください（使える項目名は直し方に出ます）。", "unti: 人", _KPI),
    "E-SCHEMA-TEXT": _K("文字でない値", "文字を書く項目に、数や一覧などが書かれています。", "文字として扱うには \"…\" のように引用符で囲んでください。",
                        "name: 2025", _KPI),
    "E-SCHEMA-INTEGER": _K("整数でない値", "整数を書く項目に、文字・小数・和暦などが書かれています。",
                           "半角数字だけで、桁区切りのカンマや単位を付けずに書いてください。年は西暦で書きます。", "year: 令和3年", _KPI),
    "E-SCHEMA-NUMBER": _K("数値でない値", "数値を書く項目に文字が書かれています。", "半角数字だけで、桁区切りのカンマや単位を付けずに書いてください。",
                          "value: 41,200人", _KPI),
    "E-SCHEMA-NOT-FINITE": _K("無限大・非数（NaN）", "数値を書く項目に、YAML の .inf・.nan や CSV の inf・nan のような、"
                              "数として計算できない値が書かれています。上限・下限の確認をすり抜け、進捗や推計を狂わせるため、エラーにしています。",
                              "実際の値を半角数字で書いてください。値が分からないなら、その年・その行を書かずにおきます。",
                              "value: .nan", _KPI),
    "E-SCHEMA-BOOL": _K("true / false でない値", "true か false を書く項目に、ほかの値が書かれています。", "true（はい）か false（いいえ）と書いてください。",
                        "sample: はい", _KPI),
    "E-SCHEMA-LIST": _K("一覧でない値", "一覧を書く項目に、1つの値が書かれています。", "各要素を次の行から「- 」で始めて書いてください。",
                        "actuals: 41200", _KPI),
    "E-SCHEMA-MAPPING": _K("「項目名: 値」の組でない値", "項目の組（字下げした「項目名: 値」）を書く場所に、1つの値が書かれています。",
                           "一段深く字下げして、項目を1行ずつ書いてください。", "baseline: 40000", _KPI),
    "E-SCHEMA-EMPTY-TEXT": _K("空の文字", "文字を書く項目が空（\"\" や全角スペースだけ）です。",
                              "文字を入れるか、省略できる項目なら行ごと消してください。", 'definition: ""', _KPI),
    "E-SCHEMA-EMPTY-VALUE": _K("値がない", "項目名だけで値がありません。", "値を書くか、省略できる項目なら行ごと消してください。", "name:", _KPI),
    "E-SCHEMA-TOO-FEW": _K("一覧の要素が足りない", "一覧に必要な数の要素がありません。", "「- 」で始まる要素を追加してください。",
                           "direction: []", "strategy/strategy.yml"),
    "E-SCHEMA-ID": _K("id に使えない文字", "id は英小文字・数字と、間に挟むハイフンだけで書きます。",
                      "英小文字・数字と、間に挟むハイフン（-）だけで書いてください（例: goal-1）。", "goal: Goal_1", _KPI),
    "E-SCHEMA-URL": _K("URL の形でない", "URL を書く項目が http:// か https:// で始まっていません。",
                       "http:// または https:// で始まる URL を書いてください。", "url: www.example.lg.jp", _KPI),
    "E-SCHEMA-FILENAME": _K("ファイル名に使えない文字", "資料のファイル名に、日本語や空白など使えない文字があります。",
                            "半角の英数字・ハイフン・ドット・下線とフォルダの / でファイル名を付けてください。",
                            "file: council/第1回資料.pdf", "strategy/materials.yml"),
    "E-SCHEMA-PAGE-LINK": _K("ページでもアドレスでもないリンク", "お知らせのリンクが、サイトのページの形でも http(s):// のアドレスでもありません。",
                             "サイトのページは reviews/2024/ のように、外のページは https:// から書いてください。",
                             "link: /reviews/2024", "strategy/news.yml"),
    "E-SCHEMA-TOO-SMALL": _K("小さすぎる値", "値が下限より小さくなっています（年を和暦の数で書いた場合など）。",
                             "下限以上の値にしてください。年・年度は西暦で書きます（令和3年度なら 2021）。", "year: 3", _KPI),
    "E-SCHEMA-TOO-LARGE": _K("大きすぎる値", "値が上限より大きくなっています。", "上限以下の値にしてください。", "sdgs: [18]",
                             "strategy/strategy.yml"),
    "E-SCHEMA-CHOICE": _K("決まった言葉以外", "決まった言葉から選ぶ項目に、ほかの言葉が書かれています。",
                          "直し方に出る言葉のどれかを、そのとおりに書いてください。", "better: yes", _KPI),
    "E-SCHEMA-RULE": _K("項目の組み合わせの誤り", "1つの組の中の項目どうしが合っていません（累計なのに from_year がない、など）。",
                        "内容に書かれた項目を書き足すか、消してください。", "target: {type: 累計, value: 100}", _KPI),
    "E-SCHEMA-DATE": _K("日付として読めない", "日付を書く項目が 年-月-日 の形でないか、実在しない日付です。",
                        "2021-04-01 のように 年-月-日 の形で、実在する日付を書いてください（西暦、半角数字）。", "updated: 令和8年11月28日", _KPI),
    "E-SCHEMA-OTHER": _K("そのほかの値の誤り", "値が項目の決まりに合っていません（上のどれにも当たらないもの）。",
                         "データ項目の説明で、その項目に書ける値を確かめてください。", "（長すぎる文字など）"),
    # --- References between the data ----------------------------------------------------------------------
    "E-ID-DUPLICATE": _K("同じ id が2つ以上", "同じ種類のものに同じ id が付いています。id はページのアドレスや参照に使うため、重ねられません。",
                         "それぞれに違う id を付けてください。", "- id: goal-1\n- id: goal-1", "strategy/strategy.yml"),
    "E-DUPLICATE-ENTRY": _K("同じ年・番号が2つ以上", "同じ年（度）の実績や行、同じ番号の目標などが2回書かれています。",
                            "片方を消すか、年（度）・番号を直してください。", "- {year: 2021, …}\n- {year: 2021, …}", _KPI),
    "E-ID-FILE-NAME": _K("id とファイル名が違う", "1件1ファイルのデータで、id（や年度）がファイル名と違います。",
                         "id をファイル名と同じにするか、ファイル名を id に合わせてください。", "kpis/kpi-1.yml に id: kpi-01", _KPI),
    "E-REF-UNKNOWN": _K("参照先の id がない", "ほかのデータを id で指していますが、その id が見つかりません（目標・施策・指標・資料・組織・節など）。",
                        "直し方に出る id から選ぶか、先に参照先のデータを書いてください。", "goal: goal-9", _KPI),
    "E-REF-MISMATCH": _K("施策と目標が合わない", "書いた施策が、書いた目標の下の施策ではありません。",
                         "goal をその施策の目標にするか、正しい施策の id にしてください。", "goal: goal-1\nmeasure: measure-2-1", _KPI),
    "E-DATE-ORDER": _K("終わりが始まりより前", "終わりの年度・日付が、始まりより前になっています。", "始まりと終わりの年度・日付を確かめてください。",
                       "start_fy: 2025\nend_fy: 2021", "strategy/strategy.yml"),
    "E-SOURCE-MISSING": _K("出典がない", "確定・速報の実績や、見本でない基準値・目標値に出典（source）がありません。",
                           "source: の title（資料名）などを書くか、まだ見本なら sample: true（実績は status: sample）にしてください。",
                           "- {year: 2022, value: 41500, status: 確定}", _KPI),
    "W-SOURCE-CHECK-UNUSED": _K("当てはまる行のない確認記録", "表の確認記録（population/verifications.yml）の表のファイル名・出典の文字・年が、"
                                "どの表のどの行にも当てはまりません（書き間違いのことが多い）。",
                                "file に表のファイル（population/census.csv など）を、source に確かめた行の出典の列の文字をそのまま、"
                                "years に確かめた行の年を書いてください。",
                                "source: 国勢調査（出典の列は「令和2年国勢調査」）", "population/verifications.yml"),
    "E-SOURCE-CHECK-FUTURE": _K("確認記録の日付が今日より後", "確認記録（verified）の確かめた日（date）が、今日より後の日付です。"
                                "まだ来ていない日に確かめることはできません。",
                                "出典の資料で実際に確かめた日を書いてください。まだ確かめていなければ、その確認記録を消します。",
                                "verified: {by: 企画課 担当者, date: 2099-06-02, page: 第1表}", "population/verifications.yml"),
    "W-SOURCE-CHECK-PLACEHOLDER": _K("確認記録が書き方の例のまま", "確認記録（verified）の確かめた人（by）か場所（page）に、書き方の例の文字"
                                     "（〇〇、××、xxx、TODO、未定、例）が残っています。本番公開ではエラーになります。",
                                     "実際に確かめた人の所属と名前と、資料の中で確かめた場所を書いてください。まだ確かめていなければ、その確認記録を消します。",
                                     "verified: {by: 〇〇課 〇〇, date: 2025-06-02, page: 第1表}", "population/verifications.yml"),
    # --- The site and the policy ---------------------------------------------------------------------------
    "E-SITE-DOCUMENT": _K("公開する文書とファイルが合わない", "strategy/site.yml の文書（documents）と、データのファイル（人口ビジョンなど）が合っていません。",
                          "内容に書かれた文書を documents に書き足すか、消してください。", "documents から id: strategy の文書を消した",
                          "strategy/site.yml"),
    "E-SITE-NO-POLICY": _K("策定方針がないのに節を参照", "strategy/policy.yml がないのに、文書が策定方針の節（described_in・period_in）を指しています。",
                           "described_in・period_in を消し、説明は description に書いてください。", "described_in: content-strategy",
                           "strategy/site.yml"),
    "E-POLICY-SECTION-MISSING": _K("ページで引用する節がない", "総合戦略の概要ページなどで引用する策定方針の節（id）がありません。",
                                   "節の id を元に戻してください（使う id はデータ項目の説明の「策定方針の節」にあります）。",
                                   "id: approach-kpi の節を消した", "strategy/policy.yml"),
    "E-POLICY-SECTION-EMPTY": _K("引用する節に本文がない", "ページで引用する策定方針の節に本文（paragraphs）がありません。", "本文を書いてください。",
                                 "paragraphs: []", "strategy/policy.yml"),
    "E-PLAN-OUTSIDE": _K("期間が表の範囲の外", "計画期間の表の期間が、表の範囲（first_fy〜last_fy）からはみ出しています。",
                         "first_fy・last_fy を広げるか、期間の年度を確かめてください。", "end_fy: 2030（last_fy は 2025）", "strategy/plan_periods.yml"),
    "E-PERIOD-OVERLAP": _K("期間が重なる", "期間どうしが重なっているか、古い順に並んでいません（計画期間の表、前の計画期間）。",
                           "期間を古い順に並べ、年度が重ならないようにしてください。", "第２期 start_fy: 2019（第１期は 2020 まで）",
                           "strategy/plan_periods.yml"),
    # --- KPIs ----------------------------------------------------------------------------------------------
    "E-KPI-GOAL-FORBIDDEN": _K("全体目標に goal・measure", "戦略全体の指標（kind: 全体目標）に、目標（goal）や施策（measure）が書かれています。",
                               "goal・measure の行を消すか、目標の指標なら kind を 数値目標 か KPI にしてください。",
                               "kind: 全体目標\ngoal: goal-1", _KPI),
    "E-KPI-GOAL-REQUIRED": _K("指標の目標がない", "数値目標・KPI に、属する目標（goal）がありません。",
                              "goal: に目標の id を書いてください（python -m generator ids で一覧が見られます）。", "kind: 数値目標（goal の行がない）",
                              _KPI),
    "E-KPI-MEASURE-REQUIRED": _K("KPI の施策がない", "施策の KPI（kind: KPI）に、属する施策（measure）がありません。",
                                 "measure: に施策の id を書いてください。",
                                 "kind: KPI（measure の行がない）", _KPI),
    "E-KPI-GLOSSARY-MISSING": _K("※ があるのに用語がない", "指標名に用語解説のしるし「※」があるのに、用語（glossary）がありません。",
                                 "glossary: に用語の id（strategy/glossary.yml）を書くか、名前の「※」を消してください。",
                                 "name: 女性の就業率※（glossary がない）", _KPI),
    "W-KPI-MARK-MISSING": _K("用語があるのに ※ がない", "用語（glossary）があるのに、指標名に「※」がありません。",
                             "用語解説へのしるしとして名前に「※」を付けてください。", "glossary: [employment-rate]\nname: 女性の就業率", _KPI),
    "E-KPI-TARGET-YEAR": _K("目標年度が計画期間の外", "目標の年（度）が、総合戦略の計画期間（strategy/strategy.yml の start_fy〜end_fy）の外です。",
                            "計画期間内の年（度）にしてください。", "target: {type: 時点, value: 100, year: 2030}", _KPI),
    "E-KPI-GRADES": _K("評価の記号が戦略全体と違う", "指標ごとの評価方法（evaluation）の評価の記号が、戦略全体の記号と違います。",
                       "方法だけを変え、評価の記号（A・B・C など）は戦略全体と同じにしてください。", "grades: [{grade: S, …}, …]", _KPI),
    "W-KPI-CUMULATIVE-BAND": _K("累計の目標と基準値比較", "累計の目標は、基準値との比較（baseline_band）では目標に届くまで判定できません。",
                                "この指標の evaluation で distance_to_target か pro_rated を指定してください。", "target: {type: 累計, …}", _KPI),
    "E-KPI-FUTURE-ACTUAL": _K("まだ来ていない年の実績", "実績の年（度）が、今日から見てまだ来ていません。",
                              "年（度）を確かめてください。年度は西暦で、令和3年度なら 2021 です。", "- {year: 2099, value: 1, status: 速報}", _KPI),
    "E-KPI-UNIT": _K("単位が指標と違う", "基準値・目標値・実績の unit が、指標の単位（unit）と違います。",
                     "unit を消すか指標の単位にそろえてください（違う単位の値なら換算します）。", "unit: 人\n…\n- {year: 2022, value: 4.1, unit: 万人}", _KPI),
    "E-KPI-BASELINE-REQUIRED": _K("基準値がない", "変化率・維持の目標は基準値から決まりますが、基準値（baseline）がありません。",
                                  "baseline を書くか、目標値を数値（type: 時点）で書いてください。", "target: {type: 維持, year: 2025}", _KPI),
    "W-KPI-TARGET-WORSE": _K("目標値が基準値より悪い", "高いほど良い指標の目標値が基準値より低い（低いほど良い指標なら高い）値です。",
                             "better（higher / lower）と目標値が戦略のとおりか確かめてください。",
                             "better: higher\nbaseline: {value: 50, …}\ntarget: {value: 40, …}",
                             _KPI),
    # --- Reviews and earlier periods ----------------------------------------------------------------------
    "E-REVIEW-YEAR": _K("どの計画期間にも入らない年度", "効果検証の年度が、今の計画期間にも前の期間（strategy/periods/）にも入りません。",
                        "年度を確かめてください（西暦で書きます）。", "fiscal_year: 2010", "strategy/reviews.yml"),
    "E-REVIEW-DATE-REQUIRED": _K("確定した効果検証に日付がない", "確定（status: 確定）した効果検証に、審議会の日（date）がありません。",
                                 "date: 2024-11-20 のように、数値を示した審議会の日を書き足してください。", "status: 確定（date がない）",
                                 "strategy/reviews.yml"),
    "E-REVIEW-UNFROZEN": _K("確定した効果検証の記録がない", "確定した効果検証の、審議会に示した数値の記録（strategy/reviews/<年度>.json）がありません。",
                            "python -m generator freeze-review <年度> を実行して数値を記録し、できたファイルもコミットしてください。",
                            "status: 確定 にしたが freeze-review をまだ実行していない", "strategy/reviews.yml"),
    "E-REVIEW-NOT-FINAL": _K("確定していない年度の記録", "数値の記録（strategy/reviews/<年度>.json）があるのに、その年度の効果検証が確定になっていません。",
                             "確定したなら strategy/reviews.yml に status: 確定 と date を書き、確定していないなら記録のファイルを消してください。",
                             "status: 作業中 に戻した", "strategy/reviews/<年度>.json"),
    "E-REVIEW-DATE-MISMATCH": _K("記録と審議会の日が違う", "数値の記録の審議会の日が、strategy/reviews.yml の date と違います。",
                                 "正しい日にそろえてください（記録した数値は変わりません）。", "date: 2024-11-21", "strategy/reviews.yml"),
    # --- Process, materials, public comments, news -------------------------------------------------------------
    "E-ORG-SELF-RELATION": _K("自分への矢印", "推進体制の図の矢印の出発と行き先が同じ組織です。", "from_body と to_body を確かめてください。",
                              "- {from_body: council, to_body: council, …}", "strategy/organization.yml"),
    "E-PROCESS-DATE-OUTSIDE": _K("出来事の日付が期間の外", "出来事の日付が、計画期間の表と総合戦略の期間の外です。", "日付の年を確かめてください。",
                                 "date: 1920-04-01", "strategy/process.yml"),
    "E-PROCESS-REVIEW-YEAR": _K("効果検証の年度が戦略の外", "会議の review_year が総合戦略の期間の外です。", "検証した年度を西暦で書いてください。",
                                "review_year: 2015", "strategy/process.yml"),
    "E-OPINION-RESPONSE": _K("対応の状況だけで市の対応がない", "意見に対応の状況（status）があるのに、市の対応（response）がありません。",
                             "response に市の対応を書いてください。", "status: 対応中（response がない）", "strategy/process.yml"),
    "E-MATERIAL-FILE-MISSING": _K("資料のファイルがない", "資料（strategy/materials.yml）の file が documents/ にありません。",
                                  "file は documents/ の中の場所で書きます（大文字・小文字も区別します）。", "file: council/2020-1-Agenda.pdf",
                                  "strategy/materials.yml"),
    "W-MATERIAL-FILE-UNLISTED": _K("資料に書かれていないファイル", "documents/ のファイルが、どの資料（materials）にも書かれていません。"
                                   "サイトには載りますが、どのページからもリンクされません。",
                                   "strategy/materials.yml に資料を足すか、使わないファイルなら消してください。", "documents/memo.pdf を置いた"),
    "W-COMMENT-RESULTS-DATE": _K("結果の公表日がない", "パブリックコメントの意見と市の考え方（answers）があるのに、結果を公表した日がありません。",
                                 "結果を公表した日を results_published に書いてください。", "answers: [...]（results_published がない）",
                                 "strategy/public_comments.yml"),
    "W-NEWS-FUTURE": _K("1年以上先のお知らせ", "お知らせの日付が今日より1年以上先です。", "年の書き間違いではないか確かめてください。",
                        "date: 2099-04-01", "strategy/news.yml"),
    "E-NEWS-LINK": _K("リンク先のページがない", "お知らせの link が、サイトにないページを指しています。",
                      "サイトの中のページは、アドレスのサイトの入口より後ろの部分で書きます（例: reviews/2023/）。", "link: reviews/2030/",
                      "strategy/news.yml"),
    # --- Revisions ---------------------------------------------------------------------------------------------
    "E-REVISION-LATEST": _K("版の id に latest", "「latest」は最新の版を指す名前として使うため、版の id にできません。",
                            "公開した年月を id にしてください（例: 2023-03）。", "id: latest", "strategy/revisions.yml"),
    "E-REVISION-ORDER": _K("版の順番", "版が古い順に並んでいないか、id が前の版の id より後に並びません。",
                           "版は古い順に並べ、新しい版を一番下に、公開した年月を id にして追加してください。", "- id: 2023-03 …\n- id: 2021-03 …",
                           "strategy/revisions.yml"),
    "E-REVISION-RECORD-MISSING": _K("前の版の記録がない", "前の版の記録（strategy/revisions/<id>.yml）がなく、更新履歴の変更点が作れません。",
                                    "新しい版は python -m generator new-revision で追加してください。記録を消したなら git で元に戻します。",
                                    "strategy/revisions.yml に手で版を書き足した", "strategy/revisions.yml"),
    "E-REVISION-RECORD-STRAY": _K("版のない記録", "版の記録（strategy/revisions/<id>.yml）が、どの前の版のものでもありません。",
                                  "strategy/revisions.yml の版の id を確かめるか、このファイルを消してください。", "strategy/revisions/2020-01.yml を置いた"),
    # --- Population ---------------------------------------------------------------------------------------------
    "E-POP-AGE-GROUPS": _K("年齢階級の並び", "基準人口の年齢階級が 0-4、5-9、… と5歳刻みで並び、「85+」のような階級で終わっていません。",
                           "0-4、5-9、…と5歳刻みで並べ、最後を 85+ のような「以上」の階級にしてください。", "0-4 / 5-10 / …",
                           "population/base_population.csv"),
    "E-POP-ASSUMPTION-AGE": _K("仮定値の年齢階級", "仮定値の表の年齢階級が、基準人口の年齢階級と合っていません（ない階級・足りない階級）。",
                               "基準人口と同じ年齢階級の行を、期間ごとにすべて書いてください。", "2020,0-5,…", "population/assumptions.csv"),
    "E-POP-PERIOD": _K("期間の始まりの年", "仮定値や子ども女性比の期間の始まりが、基準年から5年刻みになっていないか、基準年より前です"
                       "（または基準年から始まる期間がありません）。",
                       "基準年から5年刻みの年（基準年 2020 なら 2020、2025、…）にしてください。", "2023,0-4,…", "population/assumptions.csv"),
    "E-POP-NEGATIVE-COHORT": _K("負の人口になる仮定値", "仮定値の行の生残率と純移動率の和が0より小さく、その世代の5年後の人口が負になります。",
                                "純移動率のマイナス（転出超過）は生残率を超えられません（和が0なら全員が転出）。符号と桁を確かめてください。",
                                "2020,50-54,0.989,0.9948,-1,-0.01,…", "population/assumptions.csv"),
    "W-POP-BASE-TOTAL": _K("基準人口と国勢調査の総人口が合わない",
                           "基準人口（男女・年齢別）の合計が、基準年の国勢調査の総人口と合いません。",
                           "年齢不詳を按分したかなど、census.csv と base_population.csv の値を確かめてください。", "0-4,5146,3895,…",
                           "population/base_population.csv"),
    "E-VISION-HORIZON": _K("推計の最終年", "推計の最終年が基準年より後の、5年刻みの年になっていません。",
                           "基準年から5年刻みの、基準年より後の年にしてください。", "horizon_year: 2058", "population/vision.yml"),
    "E-VISION-SCENARIO-CYCLE": _K("シナリオの循環", "based_on をたどると元のシナリオに戻ってしまいます。", "based_on の循環を切ってください。",
                                  "a の based_on: b、b の based_on: a", "population/vision.yml"),
    "E-VISION-SCENARIO-YEAR": _K("シナリオの年", "出生率の目安（tfr_anchors）や移動均衡の開始年（zero_migration_from）の年が、"
                                 "推計の期間や5年刻みに合いません。",
                                 "基準年より後・推計の最終年以前の、基準年から5年刻みの年にしてください。", "zero_migration_from: 2027",
                                 "population/vision.yml"),
    "E-VISION-SCENARIO-AGE": _K("シナリオの年齢階級", "移動均衡にする年齢階級（zero_migration_ages）が基準人口の年齢階級にありません。",
                                "基準人口の年齢階級（最初の 0-4 を除く）から選んでください。", "zero_migration_ages: [20-25]", "population/vision.yml"),
    "E-PROJECTION-FAILED": _K("人口を推計できない", "仮定値や基準人口の値では人口を推計できません（人口が0人など）。",
                              "仮定値（assumptions.csv）・基準人口（base_population.csv）と vision.yml の値を確かめてください。",
                              "すべての年齢の人口を0にした", "population/base_population.csv"),
    "W-PROJECTION-IMPLAUSIBLE": _K("ありえない推計結果", "推計した最終年の総人口が、基準年の3倍より多いか、0.2倍より少なくなっています"
                                   "（桁や符号の誤りのことが多い）。",
                                   "assumptions.csv の純移動率・生残率（桁や符号）と、vision.yml の出生率・子ども女性比を確かめてください。",
                                   "純移動率 0.05 を 5 と書いた", "population/assumptions.csv"),
    "W-PROJECTION-COHORT": _K("ありえない世代の増え方", "推計した5歳階級の人口が、同じ世代（同じ時期に生まれた人）の基準年の人口"
                              "（基準年より後に生まれた世代は0〜4歳のときの人口）の5倍を超えています。その世代を最も増やしている仮定値の行に出ます"
                              "（桁の誤りのことが多い）。",
                              "その行の純移動率の桁を確かめてください（0.05 を 5 と書くと、5年で約6倍になります）。",
                              "2020,20-24,0.9988,0.9994,5,0.08,…", "population/assumptions.csv"),
    "W-VISION-IPSS-NAME": _K("社人研の名前と推計の値が合わない", "見本でないシナリオの名前が社人研（国立社会保障・人口問題研究所）の推計に準拠すると"
                             "言っているのに、推計に使う仮定値・子ども女性比が見本か、社人研の資料を出典にしていません（本番公開ではエラー）。",
                             "社人研の仮定値に置き換えて出典に社人研の資料を書くか、シナリオの名前から社人研を外してください。",
                             "name: パターン1（社人研推計準拠）（assumptions.csv が見本）", "population/vision.yml"),
    # --- The production gate (validate --production, build --production) ----------------------------------------
    "E-PROD-SAMPLE": _K("見本が残っている（本番公開）", "本番公開では、見本（sample: true、status: sample、text_sample: true）の値や文を公開できません。",
                        "実際の値・文言と出典に置き換えてから、sample: true を消してください（実績は status を 確定 か 速報 に）。",
                        "sample: true", _KPI),
    "E-PROD-UNCHECKED": _K("未確認の値・出典（本番公開）",
                           "本番公開では、原典で確かめていない値（status: 未確認）や出典（needs_check: true）を公開できません。",
                           "原典で確かめてから、status を直し、needs_check: true を消してください。", "needs_check: true", "strategy/plan_periods.yml"),
    "E-PROD-NO-SOURCE": _K("出典がない（本番公開）", "本番公開では、見本でない値・文言に出典（source）が必要です。"
                           "ファイル全体や表全体の出典を書けば、その中の値・文言の出典になります。",
                           "source: に写した資料の名前（title）などを書き、その資料で確かめて verified: を書いてください。"
                           "まだ見本なら sample: true を付けます。",
                           "name: 第２期総合戦略（source: がない）", "strategy/strategy.yml"),
    "E-PROD-UNVERIFIED": _K("確認記録がない（本番公開）",
                            "本番公開では、見本でない値・文言ごとに、出典の資料で誰がいつどこを確かめたかの記録が必要です"
                            "（YAML は出典の verified:、CSV の行は population/verifications.yml）。"
                            "sample: true を消しただけでは公開できません。",
                            "出典の資料で確かめ、source: の中に verified:（by: 確かめた人の所属と名前、date: 確かめた日、"
                            "page: 資料の中の場所）を書いてください。"
                            "CSV の行は population/verifications.yml に、表（file）と出典の列の文字（source）ごとに、確かめた行の年（years）を付けて書きます。",
                            "source: {title: 経済センサス}（verified: がない）", _KPI),
    "E-PROD-CHECK-PLACEHOLDER": _K("確認記録が書き方の例のまま（本番公開）",
                                   "本番公開では、確かめた人（by）か場所（page）に書き方の例の文字（〇〇、××、xxx、TODO、未定、例）が残る"
                                   "確認記録は、確かめた記録として認められません。",
                                   "実際に確かめた人の所属と名前と、資料の中で確かめた場所を書いてください。まだ確かめていなければ、その確認記録を消します。",
                                   "verified: {by: 〇〇課 〇〇, date: 2025-06-02, page: 第1表}", "population/verifications.yml"),
    "E-PROD-IPSS-NAME": _K("社人研の名前と推計の値が合わない（本番公開）",
                           "シナリオの名前が社人研（国立社会保障・人口問題研究所）の推計に準拠すると言っているのに、推計に使う仮定値・子ども女性比が"
                           "見本か、社人研の資料を出典にしていません。",
                           "社人研の仮定値に置き換えて出典に社人研の資料を書くか、シナリオの名前から社人研を外してください。",
                           "name: パターン1（社人研推計準拠）（assumptions.csv が見本）", "population/vision.yml"),
    "E-PROD-SITE-URL": _K("公開先のアドレスがない（本番公開）", "本番公開には公開先のアドレス（環境変数 SITE_URL）が必要です。",
                          "公開先の URL を環境変数 SITE_URL に設定してください（GitHub では Settings → Secrets and variables → Actions → Variables）。",
                          "SITE_URL を設定せずに build --production を実行した"),
}


def fix_of(code: str) -> str:
    """The catalog's 直し方 of a code ("" for an unknown or empty code)."""
    kind = CATALOG.get(code)
    return kind.fix if kind else ""
