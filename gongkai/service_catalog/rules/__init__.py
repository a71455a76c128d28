"""Pure rules of 政务服务事项 and 办件: item types, time limits, the case event log, 公示."""
