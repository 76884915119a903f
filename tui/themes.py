"""The presenter theme: high contrast for a screen shared on a video call (issue 14, part 7).

Video compression smears thin, dim and low-contrast detail, so nothing here is dim: muted and
disabled text stay near white on black, borders and the focus are bright yellow, the cursor
and the selection are solid blocks of colour with bold text. The app's stylesheet uses theme
variables only, so this one definition restyles every screen.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "textual-dark"
PRESENTER = "presenter"   # --theme takes "default" or "presenter" (tui/cli.py)

_YELLOW, _BLACK, _WHITE = "#FFE000", "#000000", "#FFFFFF"

PRESENTER_THEME = Theme(
    name=PRESENTER,
    primary="#0050C8",        # deep blue bars with white bold text
    secondary="#00A0FF",
    accent=_YELLOW,
    warning="#FF9900",
    error="#FF2D2D",
    success="#00D000",
    foreground=_WHITE,
    background=_BLACK,
    surface="#101010",
    panel="#202020",
    dark=True,
    luminosity_spread=0.2,
    text_alpha=1.0,
    variables={
        # Coloured text is light: a deep colour on black is what compression smears first.
        "text-primary": "#7CC4FF",
        "text-secondary": "#7CC4FF",
        "text-accent": _YELLOW,
        "text-warning": "#FFC04D",
        "text-error": "#FF7070",
        "text-success": "#5CFF5C",
        "text-muted": "#E8E8E8",
        "text-disabled": "#C8C8C8",
        "foreground-muted": "#E8E8E8",
        "border": _YELLOW,
        "border-blurred": "#A0A0A0",
        "block-cursor-background": _YELLOW,
        "block-cursor-foreground": _BLACK,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#606060",
        "block-cursor-blurred-foreground": _WHITE,
        "block-cursor-blurred-text-style": "bold",
        "block-hover-background": "#303030",
        "input-cursor-background": _YELLOW,
        "input-cursor-foreground": _BLACK,
        "input-selection-background": "#0050C8",
        "input-selection-foreground": _WHITE,
        "screen-selection-background": "#0050C8",
        "screen-selection-foreground": _WHITE,
        "footer-background": "#202020",
        "footer-foreground": _WHITE,
        "footer-key-foreground": _YELLOW,
        "footer-key-background": "#202020",
        "footer-description-foreground": _WHITE,
        "footer-description-background": "#202020",
        "scrollbar": "#A0A0A0",
        "scrollbar-hover": _YELLOW,
        "scrollbar-active": _YELLOW,
        "scrollbar-background": "#202020",
        "button-focus-text-style": "bold reverse",
    },
)


def theme_name(choice: str | None) -> str | None:
    """The Textual theme a ``--theme`` choice or a saved preference names (None: no choice)."""
    if choice is None:
        return None
    return DEFAULT_THEME if choice == "default" else choice
