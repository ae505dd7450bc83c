"""`onedoor simulate-backends [--port 8100] [--onedoor http://127.0.0.1:8000] [--delay 2] [--fault MODE]
[--province-lose SHARE] [--province-store DIR]`

Runs the simulated department systems and provincial online halls (integrations/simulator.py) until Ctrl-C."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from onedoor.integrations.simulator import FAULTS, Settings, Simulator, load_halls, load_systems


class Command(BaseCommand):
    help = "Run simulated department back-end systems on 127.0.0.1 (demo and fault tests)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8100)
        parser.add_argument("--onedoor", default="http://127.0.0.1:8000", help="where to send callbacks")
        parser.add_argument("--delay", type=float, default=2.0, help="seconds before a system decides")
        parser.add_argument("--fault", choices=FAULTS, default="none")
        parser.add_argument("--slow-seconds", type=float, default=5.0)
        parser.add_argument("--flaky-share", type=float, default=0.2)
        parser.add_argument(
            "--province-lose", type=float, default=0.0, help="share of status changes the hall forgets"
        )
        parser.add_argument("--province-store", help="directory where the halls keep what they received")

    def handle(self, *args, host, port, onedoor, delay, fault, slow_seconds, flaky_share, **options):
        systems = load_systems()
        store = Path(options["province_store"]) if options["province_store"] else None
        if store:
            store.mkdir(parents=True, exist_ok=True)
        halls = load_halls(store)
        settings = Settings(
            onedoor=onedoor,
            delay=delay,
            fault=fault,
            slow_seconds=slow_seconds,
            flaky_share=flaky_share,
            province_lose=options["province_lose"],
        )
        server = Simulator(settings, systems, halls).serve(host, port)
        self.stdout.write(
            f"simulating {len(systems)} department system(s) on http://{host}:{port}/systems/<code>/events "
            f"and {len(halls)} provincial hall(s) at /province/<district>/cases "
            f"(fault: {fault}); callbacks to {onedoor}"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
