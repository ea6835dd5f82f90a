import json

config = json.loads('{"lr": 0.1, "epochs": 3}')
print(config["lr"])
json.loads('{"lr": 0.1, "epochs": }')
