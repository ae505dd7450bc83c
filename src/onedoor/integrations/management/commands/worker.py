"""`onedoor worker [--once] [--batch 10] [--idle 0.5] [--sweep-every 60]`

Delivers the outbox to the back-end systems (at least once, in order per case; see integrations/delivery.py)
sends the applicants' notifications through the configured sender (notifications/senders.py), and runs the
time-driven work (`cases.sweep`, the appointments' no-shows, `complaints.escalation`, the scores' rollup
refresh) every `--sweep-every` seconds, the default ratings (基本满意 for visits and cases not rated in time) every `--ratings-every`, and, with witnesses
configured, publishes the transparency log's grown checkpoints with their cosignatures every `--checkpoint-every`.
Several workers may run at once on PostgreSQL; on SQLite run one. Stops cleanly on SIGINT / SIGTERM after the
message in hand; survives a database restart (it reconnects and goes on)."""

from __future__ import annotations

import os
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from onedoor.appointments.services import appointments_sweep
from onedoor.cases.sweep import cases_sweep
from onedoor.complaints.escalation import complaints_sweep
from onedoor.integrations.delivery import deliver_due
from onedoor.ledger.services import checkpoints_publish_due
from onedoor.notifications.services import notifications_send
from onedoor.ratings.defaults import ratings_apply_defaults
from onedoor.scores.rollup import scores_refresh_all


class Command(BaseCommand):
    help = "Deliver the outbox to the back-end systems and run the time-driven case work."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="deliver what is due now, then stop")
        parser.add_argument("--batch", type=int, default=10)
        parser.add_argument("--idle", type=float, default=0.5, help="seconds to wait when nothing is due")
        parser.add_argument("--sweep-every", type=float, default=60.0)
        parser.add_argument(
            "--checkpoint-every", type=float, default=5.0, help="seconds between log checkpoints"
        )
        parser.add_argument(
            "--ratings-every", type=float, default=3600.0, help="seconds between default-rating runs"
        )

    def handle(self, *args, once, batch, idle, sweep_every, checkpoint_every, ratings_every, **options):
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        name = f"{os.uname().nodename}:{os.getpid()}"
        self.stdout.write(f"worker {name} started")
        last_sweep = last_checkpoint = last_ratings = 0.0
        delivered = 0
        while not self.stopping:
            try:
                if time.monotonic() - last_sweep >= sweep_every:
                    report = cases_sweep()
                    if report.stopped:
                        self.stdout.write(f"stopped {len(report.stopped)} case(s) past their gaps deadline")
                    missed = appointments_sweep()
                    if missed:
                        self.stdout.write(f"marked {missed} appointment(s) not kept")
                    swept = complaints_sweep()
                    if swept.escalated or swept.closed:
                        self.stdout.write(
                            f"complaints: {len(swept.escalated)} escalated, {len(swept.closed)} closed"
                        )
                    scores_refresh_all(wait=False)  # another worker refreshing a district: skip it
                    last_sweep = time.monotonic()
                if time.monotonic() - last_ratings >= ratings_every:
                    rated = ratings_apply_defaults()
                    if rated.visits or rated.cases:
                        self.stdout.write(f"default ratings: {rated.visits} visit(s), {rated.cases} case(s)")
                    last_ratings = time.monotonic()
                if time.monotonic() - last_checkpoint >= checkpoint_every:
                    self._checkpoints()
                    last_checkpoint = time.monotonic()
                done = deliver_due(limit=batch, worker=name)
                done += notifications_send(limit=batch)
            except DatabaseError as exc:  # the database restarted or went away: reconnect and go on
                self.stderr.write(f"database error, retrying: {exc}")
                connection.close()
                time.sleep(1.0)
                continue
            delivered += done
            if once and not done:
                break
            if not done:
                time.sleep(idle)
        self.stdout.write(f"worker {name} stopped after {delivered} attempt(s)")

    def _checkpoints(self):
        for code, result in checkpoints_publish_due():
            if isinstance(result, Exception):  # too few witnesses answered: the previous checkpoint stays
                self.stderr.write(f"ledger {code}: {result}")
            else:
                self.stdout.write(f"ledger {code}: published checkpoint {result.size}")

    def _stop(self, *_args):
        self.stopping = True
