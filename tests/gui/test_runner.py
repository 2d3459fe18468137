"""The background runner: work off the GUI thread, one op at a time, outcomes back on the GUI
thread, newer ops replacing older ones with the same key, cancellation, and change notices."""

from __future__ import annotations

import logging
import threading
import time
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.error_display import error_text
from app.logs import setup_logging
from app.runner import Op
from models.errors import InsufficientStock


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot, runner):
    threads = {}

    def work(db, progress):
        threads["work"] = threading.current_thread()
        return db.backend

    results = []
    Op.query(work).success(lambda r: (results.append(r), threads.update(
        done=threading.current_thread()))).run_in_background(runner)
    qtbot.waitUntil(lambda: results == ["sqlite"])
    assert threads["work"] is not threading.main_thread()
    assert threads["done"] is threading.main_thread()


def test_ops_run_one_at_a_time_in_the_order_given(qtbot, runner):
    log = []

    def work(n):
        def run(db, progress):
            log.append(("start", n))
            time.sleep(0.01)
            log.append(("end", n))
            return n
        return run

    done = []
    for n in range(4):
        Op.query(work(n)).success(done.append).run_in_background(runner)
    qtbot.waitUntil(lambda: len(done) == 4)
    assert done == [0, 1, 2, 3]
    assert log == [(step, n) for n in range(4) for step in ("start", "end")]


def test_a_domain_error_reaches_the_failure_callback_as_it_was_raised(qtbot, runner):
    def work(db, progress):
        raise InsufficientStock("Not enough stock of MUG-1 at A-01: 2 available, 5 needed.")

    failures = []
    Op.query(work).success(lambda r: pytest.fail("no result expected")) \
        .failure(failures.append).run_in_background(runner)
    qtbot.waitUntil(lambda: bool(failures))
    assert error_text(failures[0]) == ("Not enough stock of MUG-1 at A-01: 2 available, "
                                       "5 needed.")


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(
        qtbot, runner, monkeypatch):
    root = logging.getLogger()
    # A log file set up by an earlier test would be in that test's home folder.
    monkeypatch.setattr(root, "handlers", [h for h in root.handlers
                                           if not isinstance(h, RotatingFileHandler)])
    log_file = setup_logging()
    failures = []
    Op.query(lambda db, p: {}["missing"]).failure(failures.append).run_in_background(runner)
    qtbot.waitUntil(lambda: bool(failures))
    text = error_text(failures[0])
    assert text == f"Unexpected error: KeyError: 'missing'. The details are in {log_file}."
    for handler in root.handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError: 'missing'" in logged


def test_a_newer_op_with_the_same_key_replaces_the_older_one(qtbot, runner):
    gate = threading.Event()
    answers = []
    Op.query(lambda db, p: gate.wait(5)).run_in_background(runner)  # keeps the worker busy
    Op.query(lambda db, p: "old filter").success(answers.append) \
        .run_in_background(runner, key="page")
    Op.query(lambda db, p: "new filter").success(answers.append) \
        .run_in_background(runner, key="page")
    gate.set()
    qtbot.waitUntil(lambda: bool(answers))
    runner.wait_idle()
    qtbot.wait(50)
    assert answers == ["new filter"]


def test_a_cancelled_op_stops_at_its_next_check_and_calls_back_nothing(qtbot, runner):
    started, steps = threading.Event(), []

    def long_work(db, progress):
        started.set()
        for step in range(200):
            progress.check()
            steps.append(step)
            time.sleep(0.005)
        return "finished"

    results = []
    ticket = Op.query(long_work).success(results.append).run_in_background(runner)
    assert started.wait(5)
    ticket.cancel()
    runner.wait_idle()
    qtbot.wait(50)
    assert results == [] and len(steps) < 200


def test_a_change_announces_the_areas_it_touched(qtbot, runner):
    with qtbot.waitSignal(runner.changed, timeout=5000) as signal:
        Op.change(lambda db, p: None, changes={"stock", "products"}).run_in_background(runner)
    assert signal.args == [frozenset({"stock", "products"})]


def test_the_runner_says_when_it_is_busy(qtbot, runner):
    states = []
    runner.busy.connect(states.append)
    Op.query(lambda db, p: None).run_in_background(runner)
    qtbot.waitUntil(lambda: states == [True, False])


def test_long_work_shows_a_progress_dialog_whose_cancel_stops_it(qtbot, runner):
    results, steps = [], []

    def long_work(db, progress):
        for step in range(1000):
            progress.check()
            progress.update("Importing products…", step, 1000)
            steps.append(step)
            time.sleep(0.005)
        return "finished"

    ticket = Op.query(long_work).with_progress("Importing products…", cancellable=True) \
        .success(results.append).run_in_background(runner)
    qtbot.waitUntil(lambda: ticket.dialog.isVisible(), timeout=3000)
    assert ticket.dialog.labelText() == "Importing products…"
    assert ticket.dialog.maximum() == 1000
    cancel = ticket.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    runner.wait_idle()
    qtbot.wait(50)
    assert results == [] and len(steps) < 1000
