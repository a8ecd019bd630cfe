namespace Cycast.Node.Pages;

/// <summary>
/// The start both pages share, up to their own style rules: the document, its title, and the look they have in common.
/// Everything is sized to the screen (border-box, no fixed widths, long node addresses wrap anywhere), so a 400 px
/// phone never scrolls sideways.
/// </summary>
public static class PageHead
{
    /// <summary>The page's start; <paramref name="title"/> is HTML already. The page goes on with its own rules, then closes the style and the head.</summary>
    public static string Open(string title) => $$"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
{{SharedStyle}}
""";

    private const string SharedStyle = """
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; background: #10141c; color: #e8ecf3; margin: 0; padding: .75rem; }
  main { background: #1a2130; border-radius: 16px; padding: clamp(1rem, 5vw, 2.5rem); margin: 0 auto; box-shadow: 0 10px 40px #0008; }
  a { color: #93c5fd; }
  table { width: 100%; border-collapse: collapse; margin-top: 1.2rem; font-size: .85rem; }
  caption { text-align: left; color: #8fa3c0; padding-bottom: .3rem; }
  th, td { padding: .2rem .4rem; text-align: right; } td, th[scope=row] { overflow-wrap: anywhere; } th { font-weight: normal; color: #8fa3c0; }
  th[scope=row] { text-align: left; word-break: break-all; }
  .live { color: #4ade80; } .off { color: #f87171; }
""";
}
