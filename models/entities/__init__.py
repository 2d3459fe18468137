"""All entities; importing this package makes `Base.metadata` complete."""

from models.entities.access import AppSetting, AuditEvent, Permission, Role, User, role_permission
from models.entities.base import Base, utcnow
from models.entities.carriers import Carrier, CarrierKind, TrackingRange
from models.entities.catalog import Barcode, Product, Tracking
from models.entities.counting import (
    BinStatus,
    CountBin,
    CountLine,
    CountStatus,
    LastCount,
    ShortHold,
    StockCount,
)
from models.entities.packing import PackScan, Shipment
from models.entities.picking import (
    PickEvent,
    PickTask,
    TaskStatus,
    Wave,
    WaveOrder,
    WaveStatus,
)
from models.entities.printing import JobStatus, LabelTemplate, PrintJob
from models.entities.purchasing import (
    BeyondTolerance,
    PoStatus,
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
)
from models.entities.receiving import Receipt, ReceiptScan, ReceiptStatus
from models.entities.returns import CustomerReturn, ReturnStep, ReturnStepKind
from models.entities.review import OrderRuleTrace, ReviewRule, ReviewRun
from models.entities.sales import (
    OrderMapping,
    Platform,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    Shop,
)
from models.entities.sites import (
    VIRTUAL_TYPES,
    Location,
    LocationKind,
    LocationType,
    Warehouse,
)
from models.entities.stock import Lot, Quant, Reservation, SerialNumber, StockMove, StockPosting

__all__ = [
    "VIRTUAL_TYPES",
    "AppSetting",
    "AuditEvent",
    "Barcode",
    "Base",
    "BeyondTolerance",
    "BinStatus",
    "Carrier",
    "CarrierKind",
    "CountBin",
    "CountLine",
    "CountStatus",
    "CustomerReturn",
    "JobStatus",
    "LabelTemplate",
    "LastCount",
    "Location",
    "LocationKind",
    "LocationType",
    "Lot",
    "OrderMapping",
    "OrderRuleTrace",
    "PackScan",
    "Permission",
    "PickEvent",
    "PickTask",
    "Platform",
    "PoStatus",
    "PrintJob",
    "Product",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "Quant",
    "Receipt",
    "ReceiptScan",
    "ReceiptStatus",
    "Reservation",
    "ReturnStep",
    "ReturnStepKind",
    "ReviewRule",
    "ReviewRun",
    "Role",
    "SalesOrder",
    "SalesOrderLine",
    "SalesOrderStatus",
    "SerialNumber",
    "Shipment",
    "Shop",
    "ShortHold",
    "StockCount",
    "StockMove",
    "StockPosting",
    "Supplier",
    "TaskStatus",
    "Tracking",
    "TrackingRange",
    "User",
    "Warehouse",
    "Wave",
    "WaveOrder",
    "WaveStatus",
    "role_permission",
    "utcnow",
]
