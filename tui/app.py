"""The Textual application and its factory."""

from __future__ import annotations

import asyncio
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from textual import work
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from postmortem.i18n import t
from storage.library import Library
from tui.clock import Clock
from tui.delivered import messages_delivered
from tui.themes import DEFAULT_THEME, PRESENTER, PRESENTER_THEME, theme_name
from tui.commands import RegistryBindings
from tui.palette import PaletteCommands, ThemeCommands

if TYPE_CHECKING:
    from tui.screens.workspace import WorkspaceScreen


# Textual's own palette commands, known by their English help, and their catalogue keys: the
# palette speaks the app's language too.
TEXTUAL_COMMANDS = {
    "Change the current theme": "textual_command.theme",
    "Quit the application as soon as possible": "textual_command.quit",
    "Minimize the widget and restore to normal size": "textual_command.minimize",
    "Maximize the focused widget": "textual_command.maximize",
    "Save an SVG 'screenshot' of the current screen": "textual_command.screenshot",
}
# Textual's keys panel is left out: it lists Textual's own widgets' keys in English ("Scroll
# Up", "Move cursor left"), which no catalogue reaches; F1's help lists every key in the app's
# language, and the palette offers it.
LEFT_OUT_TEXTUAL_COMMANDS = {
    "Hide the keys and widget help panel",
    "Show help for the focused widget and a summary of available keys",
}


def stylesheet_path() -> Path:
    """screens.tcss: inside the installed package (wheel), else at the repository root."""
    here = Path(__file__).resolve().parent
    packaged = here / "screens.tcss"
    return packaged if packaged.exists() else here.parent / "screens.tcss"


class PostmortemApp(RegistryBindings, App[None]):
    COMMAND_SCOPE = "app"
    CSS_PATH = stylesheet_path()
    TITLE = "postmortem"
    # One provider for all (Textual's own commands too): it knows when nothing matched.
    COMMANDS = {PaletteCommands}
    ENABLE_COMMAND_PALETTE = True
    # Sharing-safe mode (issue 15): every screen masks what the scanner finds and hides
    # internal-only and private things (tui.sharing_workspace). F12 toggles it.
    sharing: reactive[bool] = reactive(False, init=False)

    def __init__(self, library: Library, open_target: str | None = None, *,
                 clock: bool | Clock = True, theme: str | None = None,
                 sharing: bool = False) -> None:
        """``clock``: True for the wall clock, shown in the header; False for the wall clock
        not shown (tests and snapshots); a ``Clock`` (a test's ``FixedClock``) to use and show.
        ``theme``: "presenter" or "default" for this run (``--theme``), else the one the user
        chose last (Ctrl+T or the palette), remembered in their config folder.
        ``sharing``: start in sharing-safe mode (``--sharing``)."""
        super().__init__()
        self.set_reactive(PostmortemApp.sharing, sharing)
        self.register_theme(PRESENTER_THEME)
        self.theme_choice = theme
        self.library = library
        self.open_target = open_target
        self.clock = clock if isinstance(clock, Clock) else Clock()
        self.show_clock = clock is not False
        # Sentences for stderr once the app has exited, one per postmortem whose edits are not
        # in its file (discarded, copied elsewhere, rescued); any of them makes the exit status 1.
        self.exit_notes: list[str] = []
        self.settling_unsaved = False  # a dialog about unsaved edits is under way
        self._terminating: asyncio.Future | None = None   # the flush a signal started (kept alive)

    def on_mount(self) -> None:
        self.title = t("app.title")
        self._apply_theme()
        self._install_signal_handlers()
        # Opening one postmortem directly builds only its screen; the library is built when
        # the facilitator goes back to it (or when the postmortem cannot be opened). The library
        # comes once the app's own mount is over: Textual draws nothing before that, so a
        # screen pushed here would be laid out and drawn once for nothing, then drawn again.
        if self.open_target is None:
            self.call_later(self.show_library)
        elif not self.open_postmortem(self.open_target):
            self.show_library()   # now: a backup offered is pushed over it, not replaced by it

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.help in LEFT_OUT_TEXTUAL_COMMANDS:
                continue
            key = TEXTUAL_COMMANDS.get(command.help)
            if key is None:
                yield command
                continue
            # Textual's screenshot says where it saved in English: ours says it in ours.
            run = self.take_screenshot if key == "textual_command.screenshot" else command.callback
            yield SystemCommand(t(f"{key}.title"), t(f"{key}.help"), run, command.discover)

    def action_help_quit(self) -> None:
        # Ctrl+C quits nothing (in a field it copies): as Textual's own reminder of the key that
        # does, in the app's language.
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("app.help_quit", shortcut=key), title=t("app.help_quit_title"))
                return

    def search_themes(self) -> None:
        # As Textual's own (the palette's "Theme"), with the search prompt and the line that
        # says nothing matched in the app's language.
        self.push_screen(CommandPalette(providers=[ThemeCommands],
                                        placeholder=t("palette.theme_placeholder")))

    def take_screenshot(self) -> None:
        """An SVG of the screen in the user's downloads folder, as Textual's command does."""
        from platformdirs import user_downloads_path
        folder = user_downloads_path()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(path=str(folder))
        except OSError:
            self.notify(t("screenshot.failed", folder=str(folder)), severity="error")
            return
        # The file's name first: a long folder is what the status line cuts.
        self.notify(t("screenshot.saved", name=Path(saved).name, folder=str(folder)))

    def action_command_palette(self) -> None:
        # As Textual's own action, with the search prompt in the app's language.
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("palette.placeholder")))

    def show_library(self) -> None:
        """Back to the library: under the current screen if it is there, else a new one."""
        from tui.screens.library import LibraryScreen
        if any(isinstance(screen, LibraryScreen) for screen in self.screen_stack[:-1]):
            self.pop_screen()
        elif len(self.screen_stack) > 1:
            self.switch_screen(LibraryScreen())
        else:
            self.push_screen(LibraryScreen())

    def open_postmortem(self, target: str | Path) -> bool:
        """Open a postmortem by id or path, on the stage it was last left on; a second window
        gets a read-only view; a file that does not parse is left alone and its backup is
        offered. False if not opened."""
        from storage.errors import CorruptFileError, LockedError, StorageError
        from storage.last_stage import last_stage
        from tui.screens.workspace import WorkspaceScreen
        try:
            try:
                document_file = self.library.open(str(target))
            except LockedError as locked:
                document_file = self.library.open(str(target), read_only=True)
                self.notify(str(locked), severity="warning", timeout=10)
        except CorruptFileError as corrupt:
            if corrupt.backup is None:
                self.notify(str(corrupt), severity="error", timeout=20)
            else:
                self.offer_backup(corrupt, target)
            return False
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=15)
            return False
        stage = last_stage(self.library.root, document_file.document.id)
        self.push_screen(WorkspaceScreen(document_file, stage, resume_folder=self.library.root))
        return True

    @work
    async def offer_backup(self, corrupt, target: str | Path) -> None:
        from storage.errors import StorageError
        from tui.screens.dialogs import ConfirmScreen
        from tui.paths import display_path
        # The file and its backup (``<file>.bak``) as ``~/…``: at 80 columns a temporary or
        # deep folder would take the dialog's lines.
        problem = str(corrupt).replace(str(corrupt.path), display_path(corrupt.path))
        question = t("app.offer_backup", problem=problem)
        if not await self.push_screen_wait(ConfirmScreen(question, t("app.restore_backup"))):
            return
        try:
            moved_to = self.library.restore_backup(corrupt.path)
        except StorageError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.notify(t("app.restored", path=str(moved_to)), timeout=10)
        self.open_postmortem(target)

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Routine confirmations go to the status line of the screen in view (under a dialog,
        the screen beneath it); toasts are kept for warnings and errors, which need attention."""
        if self.sharing:   # a message may quote a title or an event: masked like the screens
            from postmortem.scanner import mask
            message, title = mask(message), mask(title)
        line = self.status_line() if severity == "information" and not title else None
        if line is None:
            super().notify(message, title=title, severity=severity, timeout=timeout,
                           markup=markup)
        else:
            line.say(message, timeout)

    def status_line(self):
        """The status line in view, or None (another thread, or a screen without one)."""
        from textual.screen import ModalScreen
        from tui.widgets.status_line import StatusLine
        try:
            asyncio.get_running_loop()   # notify may come from a worker thread: toast it
        except RuntimeError:
            return None
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                found = screen.query(StatusLine)
                return found.first() if found else None
        return None

    # Themes ---------------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        """The theme of ``--theme``, else the remembered one; later changes are remembered."""
        from storage.preferences import read_preferences
        chosen = theme_name(self.theme_choice) or read_preferences().get("theme")
        if chosen in self.available_themes:
            self.theme = chosen
        self._theme_known = self.theme   # the signal also reports this first choice: not saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme) -> None:
        from storage.errors import StorageError
        from storage.preferences import save_preference
        if theme.name == self._theme_known:
            return
        self._theme_known = theme.name
        try:
            save_preference("theme", theme.name)
        except (StorageError, OSError) as error:
            self.notify(t("presenter.not_remembered", problem=str(error)), severity="warning")

    def action_toggle_presenter(self) -> None:
        """Ctrl+T: the presenter theme, or back to the usual one."""
        self.theme = DEFAULT_THEME if self.theme == PRESENTER else PRESENTER
        self.notify(t("presenter.on" if self.theme == PRESENTER else "presenter.off"))

    async def action_switch_language(self) -> None:
        """The palette's "Language: 中文 / English" (F12): the other language, remembered."""
        from tui.language_switch import switch_language
        await switch_language(self)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.focused, self.screen))

    def action_toggle_sharing(self) -> None:
        """F12: on at once; off only once the room is warned (everything will show)."""
        from tui.sharing_app import toggle_sharing
        toggle_sharing(self)

    async def watch_sharing(self, sharing: bool) -> None:
        from tui.sharing_app import show_sharing
        await show_sharing(self, sharing)

    async def action_quit(self) -> None:
        """Quit once every edit is on disk; for a postmortem whose saves fail, ask first."""
        if self.settling_unsaved:
            self.bell()  # the dialog about unsaved edits decides first
            return
        await messages_delivered(self.focused)   # keys typed just before Ctrl+Q are saved too
        unsaved = [screen for screen in self.workspaces() if not screen.flush()]
        if unsaved:
            self._settle_then_quit(unsaved)
        else:
            self.exit_with_notes()

    @work(group="settle-unsaved")
    async def _settle_then_quit(self, unsaved: list["WorkspaceScreen"]) -> None:
        from tui.screens.unsaved import settle_unsaved
        with self.settling():
            for workspace in unsaved:
                outcome = await settle_unsaved(workspace)
                if not outcome.leave:
                    return
                self.note_exit(outcome.exit_note)
        self.exit_with_notes()

    @contextmanager
    def settling(self) -> Iterator[None]:
        """While a conversation about unsaved edits runs, Ctrl+Q and Ctrl+L wait for it."""
        self.settling_unsaved = True
        try:
            yield
        finally:
            self.settling_unsaved = False

    def note_exit(self, note: str | None) -> None:
        if note:
            self.exit_notes.append(note)

    def exit_with_notes(self) -> None:
        self.exit(return_code=1 if self.exit_notes else 0)

    def workspaces(self) -> list["WorkspaceScreen"]:
        from tui.screens.workspace import WorkspaceScreen
        return [screen for screen in self.screen_stack if isinstance(screen, WorkspaceScreen)]

    def flush_all(self) -> bool:
        """Write every pending edit now; True when everything is on disk."""
        return all([screen.flush() for screen in self.workspaces()])

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, self._terminate)
        except (RuntimeError, NotImplementedError, ValueError):
            pass  # not the main thread (tests) or a platform without these signals

    def _terminate(self) -> None:
        """SIGTERM, SIGHUP: flush; what cannot be saved goes to an emergency copy, said on stderr."""
        self._terminating = asyncio.ensure_future(self._terminate_when_delivered())

    async def _terminate_when_delivered(self) -> None:
        from tui.screens.unsaved import rescue_unsaved
        await messages_delivered(self.focused)   # keys read just before the signal, too
        for workspace in self.workspaces():
            if not workspace.flush():
                self.note_exit(rescue_unsaved(workspace))
        self.exit_with_notes()


def create_app(library_dir: Path, open_target: str | None = None, *,
               clock: bool | Clock = True, theme: str | None = None,
               sharing: bool = False) -> PostmortemApp:
    """The app on a library folder; tests pass a temporary folder."""
    return PostmortemApp(Library(library_dir), open_target, clock=clock, theme=theme,
                         sharing=sharing)
