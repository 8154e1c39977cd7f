"""check_litellm_export.py on a sound export and on exports with each kind of problem.
Run: python -m unittest discover -s Tests/Gateway (with litellm installed)."""
import copy
import io
import json
import os
import tempfile
import threading
import unittest
import warnings
from contextlib import redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import check_litellm_export as checker


def deployment(group, profile, source, model, order=1):
    return {"model_name": group,
            "litellm_params": {"model": f"bedrock/converse/{profile}", "aws_region_name": source, "order": order},
            "model_info": {"id": f"{profile}@{source}", "base_model": f"bedrock/{model}", "regiond_profile_id": profile,
                           "regiond_source_region": source, "regiond_model_id": model}}


HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0"
EXPORT = {
    "model_list": [
        deployment("claude-haiku-4-5", "us." + HAIKU, "us-east-1", HAIKU),
        deployment("claude-haiku-4-5", "us." + HAIKU, "us-west-2", HAIKU, order=2),
        deployment("claude-haiku-4-5", "ca." + HAIKU, "ca-central-1", HAIKU),  # priced by base_model only
        deployment("claude-haiku-4-5-global", "global." + HAIKU, "us-east-1", HAIKU),
        deployment("nova-pro", "eu.amazon.nova-pro-v1:0", "eu-west-1", "amazon.nova-pro-v1:0"),
        deployment("llama3-3-70b", "us.meta.llama3-3-70b-instruct-v1:0", "us-east-2", "meta.llama3-3-70b-instruct-v1:0"),
    ],
    "router_settings": {"fallbacks": [{"claude-haiku-4-5": ["claude-haiku-4-5-global"]}]},
    "excluded": [{"profile_id": "apac." + HAIKU, "source_region": "ap-south-1", "model_id": HAIKU,
                  "reasons": ["no access: the model agreement is not accepted"]}],
}
ROUTES = [d["model_info"]["id"] for d in EXPORT["model_list"]]


def setUpModule():
    warnings.filterwarnings("ignore", category=UserWarning, module="pydantic")  # LiteLLM's types


class CheckerTests(unittest.TestCase):
    def problems(self, document, routes=None):
        return checker.check(document, routes)[0]

    def test_a_sound_export_passes(self):
        problems, summary = checker.check(copy.deepcopy(EXPORT), ROUTES)
        self.assertEqual(problems, [])
        self.assertEqual(summary, "6 deployments (6 routes) in 4 model groups, 1 fallbacks, 1 excluded routes")

    def test_credentials_as_environment_references_pass(self):
        document = copy.deepcopy(EXPORT)
        for d in document["model_list"]:
            d["litellm_params"].update(aws_access_key_id="os.environ/AWS_ACCESS_KEY_ID",
                                       aws_secret_access_key="os.environ/AWS_SECRET_ACCESS_KEY")
        self.assertEqual(self.problems(document), [])

    def test_each_problem_is_listed(self):
        document = copy.deepcopy(EXPORT)
        first, second, third = document["model_list"][:3]
        second["model_info"]["id"] = first["model_info"]["id"]
        first["litellm_params"]["aws_secret_access_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        third["litellm_params"]["api_base"] = "https://AKIAIOSFODNN7EXAMPLE@example.com"
        third["litellm_params"]["model"] = "bedrock/ca." + HAIKU
        document["model_list"][4]["model_info"]["base_model"] = "bedrock/amazon.nova-bogus-v1:0"
        document["router_settings"]["fallbacks"].append({"nova-pro": ["nova-pro-global"]})
        problems = "\n".join(self.problems(document, ROUTES + ["us.amazon.nova-lite-v1:0@us-east-1"]))
        for expected in [
                "model_info.id 'us.anthropic.claude-haiku-4-5-20251001-v1:0@us-east-1' is used 2 times",
                "litellm_params.aws_secret_access_key is not an os.environ/NAME reference",
                "litellm_params.api_base holds what looks like an AWS access key id",
                "does not start with bedrock/converse/",
                "base_model 'bedrock/amazon.nova-bogus-v1:0' has no price in LiteLLM",
                "fallback from 'nova-pro': no model group 'nova-pro-global'",
                "expected route us.amazon.nova-lite-v1:0@us-east-1 is not a deployment"]:
            self.assertIn(expected, problems)

    def test_an_unexpected_route_and_a_bad_fallback_shape(self):
        document = copy.deepcopy(EXPORT)
        document["router_settings"]["fallbacks"] = [{"claude-haiku-4-5": "claude-haiku-4-5-global"}]
        problems = "\n".join(self.problems(document, ROUTES[1:]))
        self.assertIn("was not expected", problems)
        self.assertIn("is not a one-key object whose value is a list", problems)
        self.assertIn("LiteLLM's Router refuses the export", problems)  # LiteLLM agrees

    def test_the_command_reads_a_yaml_file_and_exits_1_on_problems(self):
        import yaml
        document = {k: v for k, v in EXPORT.items() if k != "excluded"}
        with tempfile.TemporaryDirectory() as directory:
            good, bad = os.path.join(directory, "good.yaml"), os.path.join(directory, "bad.json")
            with open(good, "w") as file:
                file.write("# Left out (0)\n" + yaml.safe_dump(document))
            with open(bad, "w") as file:
                json.dump({"model_list": [{"model_name": "x", "litellm_params": {"model": "bedrock/x"}}]}, file)
            for path, status in ((good, 0), (bad, 1)):
                with redirect_stdout(io.StringIO()) as out:
                    self.assertEqual(checker.main(["--file", path]), status, out.getvalue())
            self.assertIn("ok: 6 deployments", self.run_quietly(["--file", good]))

    def test_the_command_fetches_json_from_regiond(self):
        seen = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                seen.append((self.path, self.headers["Accept"], self.headers.get("Authorization")))
                body = json.dumps(EXPORT).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        output = self.run_quietly(["--url", f"http://127.0.0.1:{server.server_address[1]}"])
        self.assertIn("ok: 6 deployments", output)
        self.assertEqual(seen, [("/v1/export/litellm", "application/json", None)])

    def run_quietly(self, argv):
        with redirect_stdout(io.StringIO()) as out:
            checker.main(argv)
        return out.getvalue()


if __name__ == "__main__":
    unittest.main()
